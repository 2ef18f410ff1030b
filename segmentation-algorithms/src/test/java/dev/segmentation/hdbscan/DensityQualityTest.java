package dev.segmentation.hdbscan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.core.evaluate.Agreement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, item 7: why a user would reach for HDBSCAN* rather than DBSCAN, measured. On shapes of
 * the kind Gagolewski's clustering benchmarks collect (varying-density blobs, rings around a dense
 * core, dense groups nested in a sparse one), generated here with their labels, the adjusted Rand
 * index of HDBSCAN* (one setting for all) beside DBSCAN at its best single eps (the best of 60
 * radii, chosen with the answer known, which no user can do). Each noise row counts as a group of
 * its own. The table is written to {@code target/density-quality.md}.
 */
class DensityQualityTest {

  /** One generated shape: rows and their true groups. */
  static final class Shape {
    private final String name;
    private final double[] x;
    private final int[] truth;

    Shape(String name, double[] x, int[] truth) {
      this.name = name;
      this.x = x;
      this.truth = truth;
    }

    String name() {
      return name;
    }

    double[] x() {
      return x;
    }

    int[] truth() {
      return truth;
    }

    int n() {
      return truth.length;
    }
  }

  private static void blob(
      List<double[]> rows,
      List<Integer> truth,
      SplittableRandom rng,
      double cx,
      double cy,
      double sd,
      int count,
      int label) {
    for (int i = 0; i < count; i++) {
      rows.add(new double[] {cx + rng.nextGaussian() * sd, cy + rng.nextGaussian() * sd});
      truth.add(label);
    }
  }

  private static void ring(
      List<double[]> rows,
      List<Integer> truth,
      SplittableRandom rng,
      double radius,
      double sd,
      int count,
      int label) {
    for (int i = 0; i < count; i++) {
      double a = rng.nextDouble(0, 2 * Math.PI);
      double r = radius + rng.nextGaussian() * sd;
      rows.add(new double[] {r * Math.cos(a), r * Math.sin(a)});
      truth.add(label);
    }
  }

  private static Shape shape(String name, List<double[]> rows, List<Integer> truth) {
    double[] x = new double[2 * rows.size()];
    int[] t = new int[rows.size()];
    for (int i = 0; i < t.length; i++) {
      x[2 * i] = rows.get(i)[0];
      x[2 * i + 1] = rows.get(i)[1];
      t[i] = truth.get(i);
    }
    return new Shape(name, x, t);
  }

  static List<Shape> shapes() {
    SplittableRandom rng = new SplittableRandom(2026);
    List<Shape> out = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    // three groups whose densities differ 300-fold, the dense ones close together
    blob(rows, truth, rng, 0, 0, 0.1, 400, 0);
    blob(rows, truth, rng, 1.2, 0, 0.3, 400, 1);
    blob(rows, truth, rng, 8, 4, 1.6, 400, 2);
    out.add(shape("varying-density blobs", rows, truth));
    rows = new ArrayList<>();
    truth = new ArrayList<>();
    // two rings around a dense core, the outer ring sparser
    blob(rows, truth, rng, 0, 0, 0.15, 300, 0);
    ring(rows, truth, rng, 2, 0.08, 600, 1);
    ring(rows, truth, rng, 4.5, 0.15, 600, 2);
    out.add(shape("rings around a core", rows, truth));
    rows = new ArrayList<>();
    truth = new ArrayList<>();
    // two dense groups nested in a sparse disc, and a sparse group of its own
    for (int i = 0; i < 600; i++) {
      double a = rng.nextDouble(0, 2 * Math.PI);
      double r = 6 * Math.sqrt(rng.nextDouble());
      rows.add(new double[] {r * Math.cos(a), r * Math.sin(a)});
      truth.add(0);
    }
    blob(rows, truth, rng, -2.5, 0, 0.2, 300, 1);
    blob(rows, truth, rng, 2.5, 0, 0.2, 300, 2);
    blob(rows, truth, rng, 14, 0, 1.0, 300, 3);
    out.add(shape("dense groups nested in a sparse one", rows, truth));
    rows = new ArrayList<>();
    truth = new ArrayList<>();
    // two dense groups close together beside a sparse one: the radius that holds the sparse group
    // together joins the dense pair
    blob(rows, truth, rng, 0, 0, 0.1, 300, 0);
    blob(rows, truth, rng, 0.9, 0, 0.1, 300, 1);
    blob(rows, truth, rng, 7, 0, 1.2, 300, 2);
    out.add(shape("a close dense pair beside a sparse group", rows, truth));
    return out;
  }

  static Dataset data(Shape s) {
    return Dataset.ofRowMajor(s.x(), s.n(), List.of("a", "b"));
  }

  static double hdbscan(Shape s, ClusterSelection selection) {
    int[] labels =
        Segmentation.hdbscan()
            .minClusterSize(40)
            .minSamples(10)
            .selection(selection)
            .fit(data(s))
            .labels();
    return ari(s, labels);
  }

  /**
   * The adjusted Rand index with every noise row a group of its own: counting noise as one group
   * would reward calling a whole sparse segment noise.
   */
  static double ari(Shape s, int[] labels) {
    int[] singletons = labels.clone();
    int next = s.n();
    for (int i = 0; i < singletons.length; i++) {
      singletons[i] = labels[i] < 0 ? next++ : labels[i];
    }
    return Agreement.adjustedRandIndex(s.truth(), singletons);
  }

  /** DBSCAN's best ARI over 60 radii, log-spaced across the data's 10-distances, and its eps. */
  static double[] dbscanBest(Shape s) {
    double[] k = Segmentation.dbscan().minPoints(10).kDistance(data(s)).sorted();
    double lo = Math.max(k[0], 1e-3);
    double hi = k[k.length - 1];
    double best = -1;
    double bestEps = lo;
    for (int t = 0; t < 60; t++) {
      double eps = lo * Math.pow(hi / lo, t / 59.0);
      int[] labels = Segmentation.dbscan().eps(eps).minPoints(10).fit(data(s)).labels();
      double ari = ari(s, labels);
      if (ari > best) {
        best = ari;
        bestEps = eps;
      }
    }
    return new double[] {best, bestEps};
  }

  @Test
  void hdbscanBeatsTheBestSingleRadiusWhereDensitiesVary() throws IOException {
    StringBuilder table =
        new StringBuilder(
            "| shape | n | HDBSCAN* ARI (minClusterSize 40, minSamples 10) | HDBSCAN* leaf |"
                + " DBSCAN best ARI (minPoints 10) | at eps |\n|---|---|---|---|---|---|\n");
    List<double[]> results = new ArrayList<>();
    for (Shape s : shapes()) {
      double h = hdbscan(s, ClusterSelection.EXCESS_OF_MASS);
      double leaf = hdbscan(s, ClusterSelection.LEAF);
      double[] d = dbscanBest(s);
      results.add(new double[] {h, leaf, d[0]});
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %.3f | %.3g |%n",
              s.name(),
              s.n(),
              h,
              leaf,
              d[0],
              d[1]));
    }
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("density-quality.md"), table.toString());
    String measured = table.toString();
    // one radius cannot serve groups whose densities differ this much; one HDBSCAN* setting can
    for (int shape : new int[] {0, 3}) {
      assertThat(results.get(shape)[0]).as(measured).isGreaterThan(0.9);
      assertThat(results.get(shape)[0]).as(measured).isGreaterThan(results.get(shape)[2] + 0.1);
    }
    // rings: both separate them; nested densities: both are poor (the sparse disc is noise or
    // swallows the dense groups), HDBSCAN* untuned within a little of DBSCAN tuned on the answer
    assertThat(results.get(1)[0]).as(measured).isGreaterThan(0.95);
    assertThat(results.get(2)[0]).as(measured).isGreaterThan(results.get(2)[2] - 0.1);
  }
}
