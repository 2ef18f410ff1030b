package dev.segmentation.dbscan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** DBSCAN against the textbook algorithm, written out plainly over a full distance scan. */
class DbscanProperties {

  private static double[][] rows(int n, int d, boolean integral, SplittableRandom rng) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        // small integers put points exactly at eps and duplicate rows
        row[j] = integral ? rng.nextInt(7) : rng.nextGaussian() * 2;
      }
      row[0] = row[0] == 0 && integral ? 7 : row[0];
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

  private static boolean within(Distance m, double[] a, double[] b, double eps) {
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    na = Math.sqrt(na);
    nb = Math.sqrt(nb);
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      switch (m) {
        case EUCLIDEAN -> s += (a[j] - b[j]) * (a[j] - b[j]);
        case MANHATTAN -> s += Math.abs(a[j] - b[j]);
        case COSINE -> s += (a[j] / na - b[j] / nb) * (a[j] / na - b[j] / nb);
      }
    }
    return switch (m) {
      case EUCLIDEAN -> s <= eps * eps;
      case MANHATTAN -> s <= eps;
      case COSINE -> s <= 2 * eps;
    };
  }

  /** The sequential algorithm of the paper: scan rows in order, grow each new segment fully. */
  private static int[] reference(double[][] x, Distance m, double eps, int minPoints, boolean[] c) {
    int n = x.length;
    boolean[][] near = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int j = 0; j < n; j++) {
        near[i][j] = within(m, x[i], x[j], eps);
        count += near[i][j] ? 1 : 0;
      }
      c[i] = count >= minPoints;
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] != -1 || !c[i]) {
        continue;
      }
      ArrayDeque<Integer> todo = new ArrayDeque<>();
      labels[i] = next;
      todo.add(i);
      while (!todo.isEmpty()) {
        int p = todo.poll();
        for (int q = 0; q < n; q++) {
          if (near[p][q] && labels[q] == -1) {
            labels[q] = next;
            if (c[q]) {
              todo.add(q);
            }
          }
        }
      }
      next++;
    }
    return labels;
  }

  @Property(tries = 250)
  void matchesTheTextbookAlgorithmExactly(
      @ForAll @IntRange(min = 1, max = 220) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 8) int minPoints,
      @ForAll Distance distance,
      @ForAll IndexKind index,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = rows(n, d, integral, rng);
    double eps =
        distance == Distance.COSINE
            ? (integral ? 0.05 * (1 + rng.nextInt(4)) : 0.01 + rng.nextDouble() * 0.3)
            : (integral ? 1 + rng.nextInt(3) : 0.2 + rng.nextDouble() * 1.5);
    SegmentationResult<DbscanModel> result =
        Segmentation.dbscan()
            .eps(eps)
            .minPoints(minPoints)
            .distance(distance)
            .index(index)
            .threads(threads)
            .fit(dataset(x));
    boolean[] core = new boolean[n];
    int[] want = reference(x, distance, eps, minPoints, core);
    DbscanModel model = result.model();
    assertThat(model.coreFlags()).isEqualTo(core);
    assertThat(result.labels()).isEqualTo(want);
    assertThat(model.numSegments()).isEqualTo(Arrays.stream(want).max().getAsInt() + 1);
    for (int i = 0; i < n; i++) {
      int label = result.label(i);
      if (core[i]) {
        assertThat(model.assign(x[i])).isEqualTo(label);
        continue;
      }
      boolean nearCoreOfOwn = false;
      boolean nearAnyCore = false;
      for (int j = 0; j < n; j++) {
        if (core[j] && within(distance, x[i], x[j], eps)) {
          nearAnyCore = true;
          nearCoreOfOwn |= result.label(j) == label;
        }
      }
      if (label == SegmentationResult.NOISE) {
        assertThat(nearAnyCore).as("noise row %d is within eps of a core point", i).isFalse();
        assertThat(model.assign(x[i])).isEqualTo(SegmentationResult.NOISE);
      } else {
        assertThat(nearCoreOfOwn).as("border row %d has no core point of its own", i).isTrue();
        assertThat(model.assign(x[i])).isNotEqualTo(SegmentationResult.NOISE);
      }
    }
  }

  @Property(tries = 100)
  void rowOrderChangesNothingForCorePoints(
      @ForAll @IntRange(min = 2, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 6) int minPoints,
      @ForAll boolean integral,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = rows(n, d, integral, rng);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(i + 1);
      perm[i] = perm[j];
      perm[j] = i;
    }
    double[][] shuffled = new double[n][];
    for (int i = 0; i < n; i++) {
      shuffled[i] = x[perm[i]];
    }
    Dbscan dbscan = Segmentation.dbscan().eps(integral ? 1.5 : 0.8).minPoints(minPoints);
    SegmentationResult<DbscanModel> a = dbscan.fit(dataset(x));
    SegmentationResult<DbscanModel> b = dbscan.fit(dataset(shuffled));
    for (int i = 0; i < n; i++) {
      assertThat(b.model().isCore(i)).isEqualTo(a.model().isCore(perm[i]));
    }
    // same partition of core points: labels agree up to renaming
    int[] rename = new int[a.model().numSegments()];
    Arrays.fill(rename, -1);
    for (int i = 0; i < n; i++) {
      if (b.model().isCore(i)) {
        int from = a.label(perm[i]);
        int to = b.label(i);
        if (rename[from] == -1) {
          rename[from] = to;
        }
        assertThat(to).isEqualTo(rename[from]);
      }
    }
    assertThat(b.model().numSegments()).isEqualTo(a.model().numSegments());
  }
}
