package dev.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.SomTraining;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fixes what every family computes on fixed data and seeds: labels, centres, objective and
 * iteration count, to the last bit (doubles are recorded in hexadecimal). The file was written by
 * the code before the module redesign (issue 18); a refactoring that changes any result fails here.
 * After an intended change of results: {@code mvn -pl segmentation-algorithms test
 * -Dtest=GoldenTest -Dgolden.accept=true}, review the diff of the file, and say why in the commit.
 */
public class GoldenTest {
  private static final Path FILE = Path.of("src/test/resources/golden/families.txt");

  /**
   * Three blobs of different spread plus a few far rows, with Box-Muller noise from a fixed seed.
   */
  public static Dataset data(int n, boolean weighted) {
    SplittableRandom rng = new SplittableRandom(2026);
    double[][] centres = {{0, 0, 0}, {6, 1, -2}, {2, 7, 3}};
    double[] spread = {0.6, 1.2, 0.9};
    double[] x = new double[n * 3];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      double s = i % 41 == 0 ? 6 : spread[c];
      for (int j = 0; j < 3; j++) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        x[i * 3 + j] = centres[c][j] + s * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      }
      w[i] = 1 + rng.nextInt(3);
    }
    Dataset d = Dataset.ofRowMajor(x, n, List.of("recency", "frequency", "monetary"));
    return weighted ? d.withWeights(w) : d;
  }

  static Map<String, String> compute() {
    Dataset data = data(240, false);
    Map<String, String> out = new LinkedHashMap<>();
    for (KMeansVariant v : KMeansVariant.values()) {
      SegmentationResult<KMeansModel> r =
          Segmentation.kmeans().k(4).restarts(3).seed(7).variant(v).fit(data);
      out.put("kmeans." + v, kmeans(r));
    }
    out.put(
        "kmeans.weighted.standard",
        kmeans(
            Segmentation.kmeans()
                .k(3)
                .seed(11)
                .preprocess(Scaling.standard())
                .fit(data(240, true))));
    out.put("kmeans.swap", kmeans(Segmentation.kmeans().k(5).seed(3).randomSwap(20).fit(data)));
    out.put(
        "kmeans.selection",
        kmeans(
            Segmentation.kmeans()
                .k(KSelection.range(2, 6).by(Criterion.SILHOUETTE))
                .seed(5)
                .fit(data)));
    SegmentationResult<DbscanModel> db =
        Segmentation.dbscan().eps(0.8).minPoints(5).preprocess(Scaling.standard()).fit(data);
    out.put(
        "dbscan",
        labels(db.labels())
            + " cores="
            + Arrays.toString(db.model().coreRows())
            + " segments="
            + db.model().numSegments());
    for (Linkage l : Linkage.values()) {
      Dendrogram tree = Segmentation.hierarchical().linkage(l).tree(data);
      out.put(
          "hierarchical." + l,
          hex(tree.heights())
              + " cut4="
              + labels(tree.cut(4))
              + " order="
              + labels(tree.leafOrder()));
    }
    for (SomTraining t : SomTraining.values()) {
      SegmentationResult<SomModel> r =
          Segmentation.som().grid(4, 3).epochs(12).seed(9).training(t).segments(3).fit(data);
      StringBuilder s = new StringBuilder(summary(r));
      for (double[] unit : r.model().codebook()) {
        s.append(' ').append(hex(unit));
      }
      s.append(" units=").append(labels(r.model().unitSegments()));
      out.put("som." + t, s.toString());
    }
    return out;
  }

  private static String kmeans(SegmentationResult<KMeansModel> r) {
    StringBuilder s = new StringBuilder(summary(r));
    for (double[] c : r.model().scaledCentroids()) {
      s.append(' ').append(hex(c));
    }
    return s.toString();
  }

  private static String summary(SegmentationResult<?> r) {
    return "objective="
        + Double.toHexString(r.summary().objective())
        + " iterations="
        + r.summary().iterations()
        + " converged="
        + r.summary().converged()
        + " labels="
        + labels(r.labels());
  }

  private static String labels(int[] labels) {
    StringBuilder s = new StringBuilder();
    for (int l : labels) {
      s.append(l < 0 ? "n" : Integer.toString(l, 36)).append(l > 35 ? "." : "");
    }
    return s.toString();
  }

  private static String hex(double[] values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ",").append(Double.toHexString(values[i]));
    }
    return s.append(']').toString();
  }

  @Test
  void everyFamilyComputesWhatItComputedBeforeTheRedesign() throws IOException {
    Map<String, String> now = compute();
    if (Boolean.getBoolean("golden.accept")) {
      StringBuilder s = new StringBuilder();
      now.forEach((key, value) -> s.append(key).append('=').append(value).append('\n'));
      Files.writeString(FILE, s.toString(), StandardCharsets.UTF_8);
    }
    Map<String, String> golden = new LinkedHashMap<>();
    for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      golden.put(line.substring(0, eq), line.substring(eq + 1));
    }
    assertThat(now.keySet()).containsExactlyElementsOf(golden.keySet());
    for (Map.Entry<String, String> e : golden.entrySet()) {
      assertThat(now.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }
}
