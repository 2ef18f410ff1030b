package dev.segmentation.spark;

import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.customer.Holdout;
import dev.segmentation.som.SomGrid;
import dev.segmentation.som.Topology;
import java.io.Serializable;
import java.util.List;

/**
 * What Spark closures carry to the executors instead of library objects: the plain values a library
 * object is rebuilt from there, once per deserialized copy. Library types stay free of {@code
 * java.io.Serializable} (models themselves travel as model files, see {@link SparkScorer}).
 */
final class Shipped {
  private Shipped() {}

  /** A fitted preprocessing, as its columns and stages. */
  static final class Scaling implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final boolean[] log1p;
    private final double[][] shifts;
    private final double[][] scales;
    private transient FittedScaling built;

    Scaling(FittedScaling s) {
      this.columns = List.copyOf(s.columns());
      int stages = s.numStages();
      this.log1p = new boolean[stages];
      this.shifts = new double[stages][];
      this.scales = new double[stages][];
      for (int t = 0; t < stages; t++) {
        log1p[t] = s.isLog1p(t);
        shifts[t] = log1p[t] ? null : s.shift(t);
        scales[t] = log1p[t] ? null : s.scale(t);
      }
    }

    FittedScaling get() {
      if (built == null) {
        built = FittedScaling.restore(columns, log1p, shifts, scales);
      }
      return built;
    }
  }

  /** A map's grid, as its four defining values. */
  static final class Grid implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int columns;
    private final int rows;
    private final Topology topology;
    private final boolean toroidal;
    private transient SomGrid built;

    Grid(SomGrid g) {
      this.columns = g.columns();
      this.rows = g.rows();
      this.topology = g.topology();
      this.toroidal = g.toroidal();
    }

    SomGrid get() {
      if (built == null) {
        built = SomGrid.of(columns, rows, topology, toroidal);
      }
      return built;
    }
  }

  /** A holdout rule, as its salt and fractions. */
  static final class HoldoutRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String salt;
    private final double fraction;
    private final double[] perSegment;
    private transient Holdout built;

    HoldoutRule(Holdout h) {
      this.salt = h.salt();
      this.fraction = h.fraction();
      this.perSegment = h.segmentFractions();
    }

    Holdout get() {
      if (built == null) {
        Holdout h = Holdout.of(salt, fraction);
        for (int s = 0; s < perSegment.length; s++) {
          if (!Double.isNaN(perSegment[s])) {
            h = h.fraction(s, perSegment[s]);
          }
        }
        built = h;
      }
      return built;
    }
  }
}
