package dev.segmentation.hierarchical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.core.distance.Gower;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Every linkage against the textbook O(n^3) algorithm on a full Lance-Williams matrix. */
class HierarchicalProperties {

  private static double[][] gaussian(int n, int d, SplittableRandom rng) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = rng.nextGaussian() * 3;
      }
    }
    return x;
  }

  private static Dataset dataset(double[][] x) {
    String[] names = new String[x[0].length];
    for (int j = 0; j < names.length; j++) {
      names[j] = "f" + j;
    }
    return Dataset.of(x, names);
  }

  private static double euclid(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  /** The reference: heights in merge order, and the segment of every row after each merge. */
  @SuppressWarnings("ArrayRecordComponent")
  private record Reference(double[] heights, List<int[]> partitions) {}

  /**
   * Merge the closest pair (lowest pair on ties) into the lower slot and update the matrix with
   * scipy's Lance-Williams formulas.
   */
  private static Reference reference(double[][] x, Linkage linkage) {
    int n = x.length;
    double[][] dm = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dm[i][j] = euclid(x[i], x[j]);
      }
    }
    return referenceOnMatrix(dm, linkage);
  }

  private static Reference referenceOnMatrix(double[][] dm, Linkage linkage) {
    int n = dm.length;
    int[] size = new int[n];
    int[] owner = new int[n];
    boolean[] active = new boolean[n];
    Arrays.fill(size, 1);
    Arrays.fill(active, true);
    for (int i = 0; i < n; i++) {
      owner[i] = i;
    }
    double[] heights = new double[n - 1];
    List<int[]> partitions = new ArrayList<>();
    for (int step = 0; step < n - 1; step++) {
      int a = -1;
      int b = -1;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (active[i] && active[j] && (a < 0 || dm[i][j] < dm[a][b])) {
            a = i;
            b = j;
          }
        }
      }
      double dab = dm[a][b];
      heights[step] = dab;
      double na = size[a];
      double nb = size[b];
      for (int k = 0; k < n; k++) {
        if (!active[k] || k == a || k == b) {
          continue;
        }
        double da = dm[a][k];
        double db = dm[b][k];
        double nk = size[k];
        double v =
            switch (linkage) {
              case SINGLE -> Math.min(da, db);
              case COMPLETE -> Math.max(da, db);
              case AVERAGE -> (na * da + nb * db) / (na + nb);
              case WEIGHTED -> (da + db) / 2;
              case WARD ->
                  Math.sqrt(
                      ((na + nk) * da * da + (nb + nk) * db * db - nk * dab * dab)
                          / (na + nb + nk));
              case CENTROID ->
                  Math.sqrt(
                      Math.max(
                          0,
                          (na * da * da + nb * db * db) / (na + nb)
                              - na * nb * dab * dab / ((na + nb) * (na + nb))));
              case MEDIAN -> Math.sqrt(Math.max(0, da * da / 2 + db * db / 2 - dab * dab / 4));
            };
        dm[a][k] = v;
        dm[k][a] = v;
      }
      size[a] += size[b];
      active[b] = false;
      for (int i = 0; i < n; i++) {
        if (owner[i] == b) {
          owner[i] = a;
        }
      }
      partitions.add(canonical(owner));
    }
    return new Reference(heights, partitions);
  }

  /** Labels numbered in order of each segment's lowest row, as the dendrogram numbers them. */
  private static int[] canonical(int[] owner) {
    int[] map = new int[owner.length];
    Arrays.fill(map, -1);
    int[] labels = new int[owner.length];
    int next = 0;
    for (int i = 0; i < owner.length; i++) {
      if (map[owner[i]] < 0) {
        map[owner[i]] = next++;
      }
      labels[i] = map[owner[i]];
    }
    return labels;
  }

  private static void assertClose(double actual, double expected) {
    assertThat(Math.abs(actual - expected))
        .as("height %s, expected %s", actual, expected)
        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected)));
  }

  @Property(tries = 200)
  void heightsAndEveryCutMatchTheTextbookAlgorithm(
      @ForAll @IntRange(min = 2, max = 45) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll Linkage linkage,
      @ForAll long seed) {
    double[][] x = gaussian(n, d, new SplittableRandom(seed));
    Dendrogram tree = Segmentation.hierarchical().linkage(linkage).tree(dataset(x));
    Reference ref = reference(x, linkage);
    double[] want = ref.heights().clone();
    if (linkage.isMonotone()) {
      Arrays.sort(want);
      assertThat(tree.isMonotone()).isTrue();
    }
    for (int t = 0; t < n - 1; t++) {
      assertClose(tree.height(t), want[t]);
      if (t > 0 && linkage.isMonotone()) {
        assertThat(tree.height(t)).isGreaterThanOrEqualTo(tree.height(t - 1));
      }
    }
    for (int k = 1; k <= n; k++) {
      int[] labels = tree.cut(k);
      assertThat(Arrays.stream(labels).max().getAsInt()).isEqualTo(k - 1);
      int[] expected = k == n ? canonical(identity(n)) : ref.partitions().get(n - k - 1);
      assertThat(labels).as("cut(%d)", k).isEqualTo(expected);
    }
  }

  /** Gower's distance written out (Gower 1971, eq. 1), numeric ranges over the data. */
  private static double[][] gowerMatrix(double[][] num, String[][] cat) {
    int n = num.length;
    int p = num[0].length;
    double[] range = new double[p];
    for (int k = 0; k < p; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : num) {
        lo = Math.min(lo, row[k]);
        hi = Math.max(hi, row[k]);
      }
      range[k] = hi - lo;
    }
    double[][] dm = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += range[k] > 0 ? Math.abs(num[i][k] - num[j][k]) / range[k] : 0;
        }
        for (int k = 0; k < cat[i].length; k++) {
          s += cat[i][k].equals(cat[j][k]) ? 0 : 1;
        }
        dm[i][j] = s / (p + cat[i].length);
      }
    }
    return dm;
  }

  @Property(tries = 120)
  void gowerTreesMatchTheTextbookAlgorithmOnTheGowerMatrix(
      @ForAll @IntRange(min = 2, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 3) int p,
      @ForAll @IntRange(min = 1, max = 2) int q,
      @ForAll("matrixLinkages") Linkage linkage,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] num = gaussian(n, p, rng);
    String[][] cat = new String[n][q];
    MixedDataset.Builder b = MixedDataset.builder(n);
    for (int k = 0; k < p; k++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = num[i][k];
      }
      b.numeric("x" + k, col);
    }
    for (int k = 0; k < q; k++) {
      String[] col = new String[n];
      for (int i = 0; i < n; i++) {
        cat[i][k] = "L" + rng.nextInt(3);
        col[i] = cat[i][k];
      }
      b.categorical("c" + k, col);
    }
    Dendrogram tree = Segmentation.hierarchical().linkage(linkage).tree(Gower.of(b.build()));
    double[][] gm = gowerMatrix(num, cat);
    // Gower sums of range-normalised differences telescope (x1 - x0 + x0 - x6 = x1 - x6), so two
    // candidate merges can be equal in exact arithmetic and differ by rounding: which one a
    // correct algorithm takes first is then open, and only tie-free matrices are compared.
    Assume.that(!nearTie(gm, linkage));
    Reference ref = referenceOnMatrix(gm, linkage);
    double[] want = ref.heights().clone();
    Arrays.sort(want);
    for (int t = 0; t < n - 1; t++) {
      assertClose(tree.height(t), want[t]);
    }
    for (int k = 1; k < n; k++) {
      assertThat(tree.cut(k)).as("cut(%d)", k).isEqualTo(ref.partitions().get(n - k - 1));
    }
  }

  /** Whether the greedy algorithm meets two candidate merges within 1e-9 of each other. */
  private static boolean nearTie(double[][] matrix, Linkage linkage) {
    int n = matrix.length;
    double[][] dm = new double[n][];
    for (int i = 0; i < n; i++) {
      dm[i] = matrix[i].clone();
    }
    int[] size = new int[n];
    boolean[] active = new boolean[n];
    Arrays.fill(size, 1);
    Arrays.fill(active, true);
    for (int step = 0; step < n - 1; step++) {
      int a = -1;
      int b = -1;
      double second = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (active[i] && active[j]) {
            if (a < 0 || dm[i][j] < dm[a][b]) {
              second = a < 0 ? second : Math.min(second, dm[a][b]);
              a = i;
              b = j;
            } else {
              second = Math.min(second, dm[i][j]);
            }
          }
        }
      }
      if (second - dm[a][b] <= 1e-9) {
        return true;
      }
      for (int k = 0; k < n; k++) {
        if (active[k] && k != a && k != b) {
          double da = dm[a][k];
          double db = dm[b][k];
          double v =
              switch (linkage) {
                case SINGLE -> Math.min(da, db);
                case COMPLETE -> Math.max(da, db);
                case AVERAGE -> (size[a] * da + size[b] * db) / (size[a] + size[b]);
                default -> (da + db) / 2;
              };
          dm[a][k] = v;
          dm[k][a] = v;
        }
      }
      size[a] += size[b];
      active[b] = false;
    }
    return false;
  }

  @Provide
  Arbitrary<Linkage> matrixLinkages() {
    return Arbitraries.of(Linkage.SINGLE, Linkage.COMPLETE, Linkage.AVERAGE, Linkage.WEIGHTED);
  }

  @Test
  void gowerRefusesTheEuclideanLinkages() {
    MixedDataset m =
        MixedDataset.builder(3)
            .numeric("spend", new double[] {1, 2, 3})
            .categorical("channel", new String[] {"web", "app", "web"})
            .build();
    for (Linkage l : List.of(Linkage.WARD, Linkage.CENTROID, Linkage.MEDIAN)) {
      assertThatThrownBy(() -> Segmentation.hierarchical().linkage(l).tree(Gower.of(m)))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("SINGLE, COMPLETE, AVERAGE or WEIGHTED");
    }
    int[] labels =
        Segmentation.hierarchical().linkage(Linkage.AVERAGE).k(2).fit(Gower.of(m)).labels();
    assertThat(labels).containsExactly(0, 1, 0);
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  @Property(tries = 100)
  void singleLinkageCutAtHeightIsConnectedComponents(
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = integral ? rng.nextInt(6) : rng.nextGaussian();
      }
    }
    Dendrogram tree = Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(dataset(x));
    double h = integral ? rng.nextInt(4) : rng.nextDouble() * 1.5;
    int[] owner = identity(n);
    // components by repeated relabelling over edges <= h
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (euclid(x[i], x[j]) <= h && owner[j] > owner[i]) {
            owner[j] = owner[i];
            changed = true;
          }
        }
      }
    }
    assertThat(tree.cutAtHeight(h)).isEqualTo(canonical(owner));
    assertThat(tree.cutAtHeight(Double.POSITIVE_INFINITY)).containsOnly(0);
  }

  @Property(tries = 60)
  void treesAreDeterministicAndLeafOrderIsAPermutation(
      @ForAll @IntRange(min = 1, max = 80) int n,
      @ForAll Linkage linkage,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll long seed) {
    // integer data: many tied distances, which must still give one answer
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][2];
    for (double[] row : x) {
      row[0] = rng.nextInt(5);
      row[1] = rng.nextInt(5);
    }
    Dendrogram a = Segmentation.hierarchical().linkage(linkage).threads(threads).tree(dataset(x));
    Dendrogram b = Segmentation.hierarchical().linkage(linkage).threads(1).tree(dataset(x));
    assertThat(a.toLinkageMatrix()).isDeepEqualTo(b.toLinkageMatrix());
    int[] order = a.leafOrder();
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(identity(n));
    // each segment of every cut is a contiguous run of the leaf order
    for (int k = 1; k <= n; k += Math.max(1, n / 7)) {
      int[] labels = a.cut(k);
      int runs = 1;
      for (int i = 1; i < n; i++) {
        runs += labels[order[i]] != labels[order[i - 1]] ? 1 : 0;
      }
      assertThat(runs).isEqualTo(k);
    }
  }
}
