package dev.segmentation.hdbscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.core.distance.Distance;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The HDBSCAN* engine against a direct implementation written out here: the mutual-reachability
 * matrix, Kruskal's tree on it, the condensed tree built top-down by removing the tree's edges from
 * the heaviest (edges ordered by weight, lower row, higher row: the documented tie rule),
 * excess-of-mass and leaf selection, labels, probabilities and GLOSH scores.
 */
class HdbscanEngineTest {

  /** What the direct implementation finds. */
  static final class Reference {
    final int[] labels;
    final double[] probabilities;
    final double[] scores;

    Reference(int[] labels, double[] probabilities, double[] scores) {
      this.labels = labels;
      this.probabilities = probabilities;
      this.scores = scores;
    }
  }

  static Reference reference(double[] x, int n, int d, int mcs, int ms, boolean leaf) {
    double[][] dist = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dist[i][j] = Distance.EUCLIDEAN.between(x, i * d, x, j * d, d);
      }
    }
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = dist[i].clone();
      Arrays.sort(row);
      core[i] = row[Math.min(ms, n) - 1];
    }
    double[][] mr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        mr[i][j] = Math.max(Math.max(core[i], core[j]), dist[i][j]);
      }
    }
    // Kruskal over every pair in the documented total order: weight, lower row, higher row
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pairs.add(new int[] {i, j});
      }
    }
    pairs.sort(
        (p, q) ->
            mr[p[0]][p[1]] != mr[q[0]][q[1]]
                ? Double.compare(mr[p[0]][p[1]], mr[q[0]][q[1]])
                : p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]));
    int[] set = new int[n];
    for (int i = 0; i < n; i++) {
      set[i] = i;
    }
    List<int[]> edges = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int[] pq : pairs) {
      int a = set[pq[0]];
      int b = set[pq[1]];
      if (a != b) {
        for (int i = 0; i < n; i++) {
          set[i] = set[i] == b ? a : set[i];
        }
        edges.add(pq);
        weights.add(mr[pq[0]][pq[1]]);
      }
    }
    // removal order: the reverse of that order, heaviest first
    Integer[] order = new Integer[edges.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = edges.size() - 1 - i;
    }
    boolean[] removed = new boolean[edges.size()];
    int[] clusterOf = new int[n]; // current condensed cluster of each row still in one, or -1
    double[] fellAt = new double[n];
    int[] fellFrom = new int[n];
    List<Double> birth = new ArrayList<>(List.of(0.0));
    List<Integer> parent = new ArrayList<>(List.of(-1));
    for (int e : order) {
      removed[e] = true;
      double lambda = 1 / weights.get(e);
      int a = edges.get(e)[0];
      int c = clusterOf[a];
      if (c < 0) {
        continue;
      }
      List<Integer> sideA = component(edges, removed, a, n);
      List<Integer> sideB = component(edges, removed, edges.get(e)[1], n);
      boolean bigA = sideA.size() >= mcs;
      boolean bigB = sideB.size() >= mcs;
      if (bigA && bigB) {
        for (List<Integer> side : List.of(sideA, sideB)) {
          birth.add(lambda);
          parent.add(c);
          for (int r : side) {
            clusterOf[r] = birth.size() - 1;
          }
        }
      } else {
        for (List<Integer> side : List.of(sideA, sideB)) {
          if (side.size() < mcs) {
            for (int r : side) {
              clusterOf[r] = -1;
              fellAt[r] = lambda;
              fellFrom[r] = c;
            }
          }
        }
      }
    }
    // rows at distance 0 part at lambda = infinity: capped at the largest finite lambda (the
    // engine's documented rule), so that stabilities and scores stay finite
    double cap = 0;
    for (double l : fellAt) {
      cap = Double.isFinite(l) ? Math.max(cap, l) : cap;
    }
    for (double l : birth) {
      cap = Double.isFinite(l) ? Math.max(cap, l) : cap;
    }
    for (int r = 0; r < n; r++) {
      fellAt[r] = Math.min(fellAt[r], cap);
    }
    for (int c = 0; c < birth.size(); c++) {
      birth.set(c, Math.min(birth.get(c), cap));
    }
    int k = birth.size();
    double[] stability = new double[k];
    double[] direct = new double[k];
    Map<Integer, List<Integer>> kids = new HashMap<>();
    for (int c = 1; c < k; c++) {
      kids.computeIfAbsent(parent.get(c), z -> new ArrayList<>()).add(c);
    }
    int[] size = new int[k];
    for (int r = 0; r < n; r++) {
      stability[fellFrom[r]] += fellAt[r] - birth.get(fellFrom[r]);
      direct[fellFrom[r]] = Math.max(direct[fellFrom[r]], fellAt[r]);
      for (int c = fellFrom[r]; c >= 0; c = parent.get(c)) {
        size[c]++;
      }
    }
    for (int c = 1; c < k; c++) {
      stability[parent.get(c)] += size[c] * (birth.get(c) - birth.get(parent.get(c)));
      direct[parent.get(c)] = Math.max(direct[parent.get(c)], birth.get(c));
    }
    boolean[] selected = new boolean[k];
    double[] best = stability.clone();
    for (int c = k - 1; c >= 1; c--) {
      List<Integer> ch = kids.getOrDefault(c, List.of());
      double sum = ch.stream().mapToDouble(z -> best[z]).sum();
      if (leaf) {
        selected[c] = ch.isEmpty();
      } else if (ch.isEmpty() || stability[c] >= sum) {
        selected[c] = true;
        Deque<Integer> below = new ArrayDeque<>(ch);
        while (!below.isEmpty()) {
          int z = below.pop();
          selected[z] = false;
          below.addAll(kids.getOrDefault(z, List.of()));
        }
      } else {
        best[c] = sum;
      }
    }
    double[] subtree = direct.clone();
    for (int r = 0; r < n; r++) {
      for (int c = fellFrom[r]; c >= 0; c = parent.get(c)) {
        subtree[c] = Math.max(subtree[c], fellAt[r]);
      }
    }
    int[] number = new int[k];
    int next = 0;
    for (int c = 0; c < k; c++) {
      number[c] = selected[c] ? next++ : -1;
    }
    int[] labels = new int[n];
    double[] prob = new double[n];
    double[] scores = new double[n];
    for (int r = 0; r < n; r++) {
      int s = fellFrom[r];
      while (s >= 0 && !selected[s]) {
        s = parent.get(s);
      }
      labels[r] = s < 0 ? -1 : number[s];
      prob[r] = s < 0 ? 0 : Math.min(fellAt[r], direct[s]) / direct[s];
      scores[r] = 1 - fellAt[r] / subtree[fellFrom[r]];
    }
    Map<Integer, Integer> byFirstRow = new HashMap<>();
    for (int r = 0; r < n; r++) {
      if (labels[r] >= 0) {
        labels[r] = byFirstRow.computeIfAbsent(labels[r], z -> byFirstRow.size());
      }
    }
    return new Reference(labels, prob, scores);
  }

  private static List<Integer> component(List<int[]> edges, boolean[] removed, int start, int n) {
    boolean[] seen = new boolean[n];
    List<Integer> out = new ArrayList<>();
    Deque<Integer> todo = new ArrayDeque<>(List.of(start));
    seen[start] = true;
    while (!todo.isEmpty()) {
      int r = todo.pop();
      out.add(r);
      for (int e = 0; e < edges.size(); e++) {
        if (removed[e]) {
          continue;
        }
        int[] ab = edges.get(e);
        int other = ab[0] == r ? ab[1] : ab[1] == r ? ab[0] : -1;
        if (other >= 0 && !seen[other]) {
          seen[other] = true;
          todo.push(other);
        }
      }
    }
    return out;
  }

  /** Blobs of varying density on an integer grid, so that equal distances are common. */
  static double[] blobs(SplittableRandom rng, int n) {
    double[] x = new double[2 * n];
    int[][] centres = {{0, 0}, {40, 5}, {15, 40}};
    int[] spread = {2, 6, 12};
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(4);
      if (b == 3) {
        x[2 * i] = rng.nextInt(-20, 70);
        x[2 * i + 1] = rng.nextInt(-20, 70);
      } else {
        x[2 * i] = centres[b][0] + rng.nextInt(-spread[b], spread[b] + 1);
        x[2 * i + 1] = centres[b][1] + rng.nextInt(-spread[b], spread[b] + 1);
      }
    }
    return x;
  }

  @Property(tries = 300)
  void equalsTheDirectImplementation(
      @ForAll @IntRange(min = 8, max = 70) int n,
      @ForAll @IntRange(min = 2, max = 8) int minClusterSize,
      @ForAll @IntRange(min = 1, max = 6) int minSamples,
      @ForAll boolean leaf,
      @ForAll long seed) {
    double[] x = blobs(new SplittableRandom(seed), n);
    HdbscanEngine.Result got =
        HdbscanEngine.run(x, n, 2, Distance.EUCLIDEAN, minClusterSize, minSamples, leaf, false, 0);
    Reference want = reference(x, n, 2, minClusterSize, minSamples, leaf);
    assertThat(got.labels()).containsExactly(want.labels);
    for (int i = 0; i < n; i++) {
      assertThat(got.probabilities()[i]).isCloseTo(want.probabilities[i], offset(1e-12));
      assertThat(got.outlierScores()[i]).isCloseTo(want.scores[i], offset(1e-12));
      assertThat(got.outlierScores()[i]).isBetween(0.0, 1.0);
    }
  }

  /**
   * By hand: two tight groups of five and one far row. With minClusterSize 3 the groups are the two
   * clusters (their members' probabilities in (0, 1]), the far row is noise and the most outlying
   * by GLOSH.
   */
  @Test
  void twoGroupsAndAnOutlierByHand() {
    double[] x = {
      0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.5, 10, 10, 10, 11, 11, 10, 11, 11, 10.5, 10.5, 50, 50
    };
    HdbscanEngine.Result r = HdbscanEngine.run(x, 11, 2, Distance.EUCLIDEAN, 3, 3, false, false, 0);
    assertThat(r.labels()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1);
    assertThat(r.persistence()).hasSize(2);
    assertThat(Math.min(r.persistence()[0], r.persistence()[1])).isPositive();
    double outlier = r.outlierScores()[10];
    for (int i = 0; i < 10; i++) {
      assertThat(r.outlierScores()[i]).isLessThan(outlier);
      assertThat(r.probabilities()[i]).isGreaterThan(0).isLessThanOrEqualTo(1);
    }
    assertThat(r.probabilities()[10]).isZero();
    // the core distance counts the row itself: the third nearest of a corner is the diagonal 1
    assertThat(r.coreDistances[0]).isEqualTo(1.0);
    // everything in one cluster only when a single cluster is allowed and nothing splits
    HdbscanEngine.Result single =
        HdbscanEngine.run(x, 11, 2, Distance.EUCLIDEAN, 6, 3, false, true, 0);
    assertThat(Arrays.stream(single.labels()).max().orElseThrow()).isZero();
    HdbscanEngine.Result none =
        HdbscanEngine.run(x, 11, 2, Distance.EUCLIDEAN, 6, 3, false, false, 0);
    assertThat(none.labels()).containsOnly(-1);
    assertThat(
            HdbscanEngine.run(new double[] {1, 2}, 1, 2, Distance.EUCLIDEAN, 2, 1, true, false, 0)
                .labels())
        .containsExactly(-1);
  }

  /**
   * The cluster selection epsilon only merges: no more clusters than without it, every row it
   * labels was labelled (into a cluster holding its old one) or noise before, and an epsilon above
   * every distance leaves at most the root's children.
   */
  @Property(tries = 200)
  void selectionEpsilonOnlyMergesSelectedClusters(
      @ForAll @IntRange(min = 8, max = 70) int n,
      @ForAll @IntRange(min = 2, max = 6) int minClusterSize,
      @ForAll @IntRange(min = 1, max = 5) int minSamples,
      @ForAll @IntRange(min = 1, max = 40) int epsilon,
      @ForAll boolean leaf,
      @ForAll long seed) {
    double[] x = blobs(new SplittableRandom(seed), n);
    HdbscanEngine.Result plain =
        HdbscanEngine.run(x, n, 2, Distance.EUCLIDEAN, minClusterSize, minSamples, leaf, false, 0);
    HdbscanEngine.Result merged =
        HdbscanEngine.run(
            x, n, 2, Distance.EUCLIDEAN, minClusterSize, minSamples, leaf, false, epsilon);
    assertThat(merged.persistence().length).isLessThanOrEqualTo(plain.persistence().length);
    Map<Integer, Integer> into = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (plain.labels()[i] >= 0) {
        assertThat(merged.labels()[i]).as("row %d stays in a cluster", i).isNotNegative();
        Integer before = into.putIfAbsent(plain.labels()[i], merged.labels()[i]);
        assertThat(before == null || before == merged.labels()[i])
            .as("cluster %d goes whole into one", plain.labels()[i])
            .isTrue();
      }
    }
    HdbscanEngine.Result all =
        HdbscanEngine.run(
            x, n, 2, Distance.EUCLIDEAN, minClusterSize, minSamples, leaf, false, 1e9);
    assertThat(all.persistence().length).isLessThanOrEqualTo(2);
  }
}
