package dev.segmentation.optics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.index.IndexKind;
import dev.segmentation.dbscan.DbscanModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPTICS: the ordering against a direct implementation of scikit-learn's loop (argmin over the
 * unprocessed rows), the radius cut against this library's DBSCAN, and the ordering and xi labels
 * against scikit-learn 1.2.1 (pinned, and live when the system Python has it).
 */
class OpticsTest {
  @TempDir Path dir;

  /** Blobs of varying density on a half-integer grid, so that equal distances are common. */
  static double[] blobs(SplittableRandom rng, int n, int d) {
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = rng.nextInt(4);
      for (int j = 0; j < d; j++) {
        x[i * d + j] =
            b == 3 ? rng.nextInt(-20, 60) : 25 * b + j + rng.nextInt(-2 - 3 * b, 3 + 3 * b) / 2.0;
      }
    }
    return x;
  }

  static Dataset data(double[] x, int n, int d) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("c" + j);
    }
    return Dataset.ofRowMajor(x, n, names);
  }

  @Property(tries = 80)
  void theOrderingIsScikitLearnsLoop(
      @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 2, max = 8) int minPoints,
      @ForAll @IntRange(min = 0, max = 12) int maxEps,
      @ForAll long seed) {
    double[] x = blobs(new SplittableRandom(seed), n, d);
    double limit = maxEps == 0 ? Double.POSITIVE_INFINITY : maxEps;
    ReachabilityPlot plot =
        Segmentation.optics().minPoints(minPoints).maxEps(limit).order(data(x, n, d));
    // the direct loop, in rank form (squared distances) as the library compares
    double[] core = new double[n];
    for (int i = 0; i < n; i++) {
      double[] all = new double[n];
      for (int j = 0; j < n; j++) {
        all[j] = Distance.EUCLIDEAN.rank(x, i * d, x, j * d, d);
      }
      Arrays.sort(all);
      core[i] =
          n >= minPoints && all[minPoints - 1] <= limit * limit
              ? all[minPoints - 1]
              : Double.POSITIVE_INFINITY;
    }
    double[] reach = new double[n];
    Arrays.fill(reach, Double.POSITIVE_INFINITY);
    boolean[] done = new boolean[n];
    int[] order = new int[n];
    for (int step = 0; step < n; step++) {
      int p = -1;
      for (int i = 0; i < n; i++) {
        if (!done[i] && (p < 0 || reach[i] < reach[p])) {
          p = i;
        }
      }
      done[p] = true;
      order[step] = p;
      if (core[p] == Double.POSITIVE_INFINITY) {
        continue;
      }
      for (int q = 0; q < n; q++) {
        double r = Distance.EUCLIDEAN.rank(x, p * d, x, q * d, d);
        if (!done[q] && r <= limit * limit) {
          reach[q] = Math.min(reach[q], Math.max(core[p], r));
        }
      }
    }
    assertThat(plot.ordering()).containsExactly(order);
    double[] got = plot.reachability();
    double[] gotCore = plot.coreDistances();
    for (int i = 0; i < n; i++) {
      assertThat(got[i]).isEqualTo(Math.sqrt(reach[i]));
      assertThat(gotCore[i]).isEqualTo(Math.sqrt(core[i]));
    }
    int[] pred = plot.predecessors();
    int[] position = new int[n];
    for (int i = 0; i < n; i++) {
      position[order[i]] = i;
    }
    for (int q = 0; q < n; q++) {
      assertThat(pred[q] < 0).isEqualTo(got[q] == Double.POSITIVE_INFINITY);
      if (pred[q] >= 0) {
        assertThat(position[pred[q]]).isLessThan(position[q]);
      }
    }
  }

  @Property(tries = 80)
  void theRadiusCutIsDbscanOnCorePoints(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 2, max = 8) int minPoints,
      @ForAll @IntRange(min = 1, max = 16) int halfEps,
      @ForAll boolean bounded,
      @ForAll long seed) {
    double[] x = blobs(new SplittableRandom(seed), n, d);
    double eps = halfEps / 2.0;
    double maxEps = bounded ? eps * 1.5 : Double.POSITIVE_INFINITY;
    IndexKind kind = bounded ? IndexKind.BRUTE_FORCE : IndexKind.AUTO;
    ReachabilityPlot plot =
        Segmentation.optics().minPoints(minPoints).maxEps(maxEps).index(kind).order(data(x, n, d));
    int[] cut = plot.dbscanCut(eps);
    SegmentationResult<DbscanModel> db =
        Segmentation.dbscan().eps(eps).minPoints(minPoints).fit(data(x, n, d));
    boolean[] core = db.model().coreFlags();
    assertThat(plot.coreAt(eps)).containsExactly(core);
    int[] want = db.labels();
    for (int i = 0; i < n; i++) {
      if (core[i]) {
        assertThat(cut[i]).as("core row %d", i).isEqualTo(want[i]);
      } else if (want[i] < 0) {
        assertThat(cut[i]).as("noise row %d", i).isEqualTo(-1);
      } else {
        // a border point joins the segment that reached it (DBSCAN gives it the lowest of its core
        // neighbours' segments), or is noise when only core points later in the order reach it
        java.util.Set<Integer> near = new java.util.HashSet<>(List.of(-1));
        for (int j = 0; j < n; j++) {
          if (core[j] && Distance.EUCLIDEAN.rank(x, i * d, x, j * d, d) <= eps * eps) {
            near.add(want[j]);
          }
        }
        assertThat(cut[i]).as("border row %d", i).isIn(near);
      }
    }
    // fit() is the same cut as a DBSCAN model
    SegmentationResult<DbscanModel> fitted =
        Segmentation.optics().minPoints(minPoints).maxEps(maxEps).eps(eps).fit(data(x, n, d));
    assertThat(fitted.labels()).containsExactly(cut);
    assertThat(fitted.model().coreFlags()).containsExactly(core);
    assertThat(fitted.model().numSegments()).isEqualTo(db.model().numSegments());
  }

  /**
   * 80 rows in two groups, a quarter of them four times denser, with distinct distances
   * (scikit-learn rounds reachabilities to 15 digits and measures by the dot-product expansion, so
   * only data without near-ties can be pinned exactly).
   */
  static double[] pinnedData() {
    // numpy: [[(i*i*7919+i*31)%1009/97*s + (0 if i<40 else 25), (i*i*104729+i*17)%997/89*s]],
    // s = 0.3 if i%4==0 else 1
    double[] x = new double[160];
    for (int i = 0; i < 80; i++) {
      double s = i % 4 == 0 ? 0.3 : 1.0;
      x[2 * i] = ((long) i * i * 7919 + i * 31L) % 1009 / 97.0 * s + (i < 40 ? 0 : 25);
      x[2 * i + 1] = ((long) i * i * 104729 + i * 17L) % 997 / 89.0 * s;
    }
    return x;
  }

  /** Labels renumbered by first appearance in row order, so that partitions compare directly. */
  static int[] canonical(int[] labels) {
    Map<Integer, Integer> seen = new HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i] < 0 ? -1 : seen.computeIfAbsent(labels[i], z -> seen.size());
    }
    return out;
  }

  @Test
  void agreesWithPinnedScikitLearn() {
    // scikit-learn 1.2.1: OPTICS(min_samples=5, xi=0.05, predecessor_correction=False).fit(x)
    int[] ordering = {
      0, 12, 4, 8, 16, 32, 36, 24, 26, 38, 20, 15, 2, 5, 30, 28, 37, 10, 22, 18, 23, 27, 29, 35, 39,
      6, 13, 21, 33, 34, 9, 11, 3, 14, 31, 17, 7, 19, 1, 25, 62, 51, 65, 54, 73, 57, 63, 69, 60, 64,
      70, 48, 56, 52, 40, 44, 68, 76, 45, 72, 50, 46, 47, 67, 66, 61, 58, 75, 79, 42, 55, 59, 71,
      53, 78, 74, 49, 41, 77, 43
    };
    int[] labels = {
      -1, -1, 0, 2, 0, 0, 2, -1, 0, 2, -1, 2, 0, 2, 2, 0, 0, -1, 1, -1, 0, 2, 1, 1, 0, -1, 0, 1, 0,
      1, 0, 2, 0, 2, 2, 1, 0, 0, 0, 1, 4, 5, 5, -1, 4, 4, 4, 4, -1, 5, 4, -1, 4, 5, -1, 5, 4, 3, -1,
      5, 3, -1, -1, 3, 3, -1, 4, 4, 4, 3, 3, 5, 4, -1, 5, -1, 4, -1, 5, -1
    };
    int[][] hierarchy = {
      {1, 16}, {18, 24}, {25, 34}, {1, 37}, {0, 39}, {45, 50}, {52, 64}, {41, 68}, {69, 77},
      {40, 79}, {0, 79}
    };
    ReachabilityPlot plot = Segmentation.optics().minPoints(5).order(data(pinnedData(), 80, 2));
    assertThat(plot.ordering()).containsExactly(ordering);
    assertThat(plot.reachability()[3]).isCloseTo(1.68605647003281, offset(1e-12));
    XiClusters xi = plot.xi(0.05, 5, false);
    assertThat(xi.labels()).containsExactly(canonical(labels));
    assertThat(xi.hierarchy()).isDeepEqualTo(hierarchy);
    // with the predecessor correction scikit-learn 1.2.1 finds [52, 63] and [69, 75] where
    // Schubert and Gertz's Algorithm 2 keeps [52, 64] and [69, 77]: its check looks the
    // predecessor up as ordering[predecessor] (a row used as a position). Row 66, at position 64,
    // was reached from row 47, at position 62, inside [52, 64), so the cluster keeps it.
    assertThat(plot.ordering()[64]).isEqualTo(66);
    assertThat(plot.predecessors()[66]).isEqualTo(47);
    assertThat(plot.ordering()[62]).isEqualTo(47);
    int[][] corrected = plot.xi(0.05, 5, true).hierarchy();
    assertThat(corrected[2]).containsExactly(25, 33); // as scikit-learn
    assertThat(corrected[6]).containsExactly(52, 64);
    assertThat(corrected[8]).containsExactly(69, 77);
  }

  @Test
  void agreesWithLiveScikitLearnWhenThePythonHasIt() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python) || !hasSklearn(python)) {
      // the pinned test above holds the same comparison on fixed data
      assertThat(Files.isExecutable(python) && hasSklearn(python)).isFalse();
      return;
    }
    SplittableRandom rng = new SplittableRandom(11);
    int n = 400;
    double[] x = new double[2 * n];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double s = i % 3 == 0 ? 0.3 : i % 3 == 1 ? 1.0 : 3.0;
      x[2 * i] = (i % 3) * 8 + rng.nextGaussian() * s;
      x[2 * i + 1] = rng.nextGaussian() * s;
      csv.append(String.format(Locale.ROOT, "%.17g,%.17g%n", x[2 * i], x[2 * i + 1]));
    }
    Path in = dir.resolve("x.csv");
    Files.writeString(in, csv.toString());
    Path script = dir.resolve("o.py");
    Files.writeString(
        script,
        """
        import sys, numpy as np
        from sklearn.cluster import OPTICS
        x = np.loadtxt(sys.argv[1], delimiter=',')
        o = OPTICS(min_samples=7, xi=0.05, predecessor_correction=False).fit(x)
        print(' '.join(map(str, o.ordering_)))
        print(' '.join(map(str, o.labels_)))
        """);
    Process p =
        new ProcessBuilder(python.toString(), script.toString(), in.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String[] lines = out.strip().split("\n", -1);
    int[] ordering =
        Arrays.stream(lines[0].trim().split(" ", -1)).mapToInt(Integer::parseInt).toArray();
    int[] labels =
        Arrays.stream(lines[1].trim().split(" ", -1)).mapToInt(Integer::parseInt).toArray();
    ReachabilityPlot plot = Segmentation.optics().minPoints(7).order(data(x, n, 2));
    assertThat(plot.ordering()).containsExactly(ordering);
    assertThat(plot.xi(0.05, 7, false).labels()).containsExactly(canonical(labels));
  }

  private static boolean hasSklearn(Path python) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(python.toString(), "-c", "import sklearn.cluster")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> Segmentation.optics().minPoints(1))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("minPoints");
    assertThatThrownBy(() -> Segmentation.optics().maxEps(0)).hasMessageContaining("maxEps");
    assertThatThrownBy(() -> Segmentation.optics().eps(Double.NaN)).hasMessageContaining("eps");
    Dataset two = data(new double[] {0, 0, 1, 1}, 2, 2);
    assertThatThrownBy(() -> Segmentation.optics().fit(two))
        .hasMessageContaining("eps")
        .hasMessageContaining("xi()");
    assertThatThrownBy(() -> Segmentation.optics().maxEps(1).eps(2).fit(two))
        .hasMessageContaining("maxEps");
    ReachabilityPlot plot = Segmentation.optics().maxEps(1).order(two);
    assertThatThrownBy(() -> plot.dbscanCut(2)).hasMessageContaining("maxEps");
    assertThatThrownBy(() -> plot.xi(1, 5, true)).hasMessageContaining("xi");
    assertThatThrownBy(() -> plot.xi(0.1, 1, true)).hasMessageContaining("minClusterSize");
  }
}
