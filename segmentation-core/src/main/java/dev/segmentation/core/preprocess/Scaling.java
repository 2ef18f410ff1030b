package dev.segmentation.core.preprocess;

import dev.segmentation.api.InvalidDataException;
import java.util.Arrays;
import java.util.List;

/**
 * How features are transformed before fitting. A {@code Scaling} is a recipe; {@link #fit} learns
 * its parameters from training data and returns a {@link FittedScaling} that the model keeps, so
 * that new customers are assigned from raw values in original units.
 *
 * <p>The recipes, each applied per column:
 *
 * <ul>
 *   <li>{@link #none()}: values unchanged.
 *   <li>{@link #standard()}: {@code (x - mean) / sd}, with the population standard deviation.
 *   <li>{@link #minMax()}: {@code (x - min) / (max - min)}, into {@code [0, 1]} on the training
 *       data.
 *   <li>{@link #robust()}: {@code (x - median) / IQR}, with quartiles by linear interpolation
 *       (numpy's default), so a few extreme spenders do not squash everyone else.
 *   <li>{@link #log1p()}: {@code ln(1 + x)}, for skewed amounts such as spend; needs {@code x >
 *       -1}.
 * </ul>
 *
 * <p>A constant column (zero spread) is centred but not divided: its scale is taken as 1, so no
 * division by zero happens and the column contributes nothing to distances. Recipes chain with
 * {@link #then}, for example {@code Scaling.log1p().then(Scaling.standard())}.
 */
public abstract class Scaling {

  private Scaling() {}

  /**
   * Learns this recipe's parameters from training data. Complexity O(n d) (O(n d log n) for {@link
   * #robust()}). The input is not modified.
   *
   * @param data row-major training values, {@code n * d}
   * @param n number of rows
   * @param columns the column names, {@code d} of them, used in error messages
   * @return the fitted transformation
   * @throws InvalidDataException if a value is outside the recipe's domain (naming row, column and
   *     value)
   */
  public abstract FittedScaling fit(double[] data, int n, List<String> columns);

  /**
   * Returns a short name of the recipe, for summaries and the CLI.
   *
   * @return for example {@code "log1p+standard"}
   */
  public abstract String name();

  @Override
  public String toString() {
    return name();
  }

  /**
   * Returns the identity recipe.
   *
   * @return a scaling that leaves values unchanged
   */
  public static Scaling none() {
    return new Affine("none") {
      @Override
      void parameters(double[] col, int n, double[] shiftScale) {
        shiftScale[0] = 0;
        shiftScale[1] = 1;
      }

      @Override
      public FittedScaling fit(double[] data, int n, List<String> columns) {
        // Nothing to learn: skip the d strided passes over the data the other recipes need.
        double[] ones = new double[columns.size()];
        java.util.Arrays.fill(ones, 1);
        return FittedScaling.affine(columns, new double[columns.size()], ones);
      }
    };
  }

  /**
   * Returns z-score standardisation.
   *
   * @return {@code (x - mean) / sd} per column
   */
  public static Scaling standard() {
    return new Affine("standard") {
      @Override
      void parameters(double[] col, int n, double[] shiftScale) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
          mean += col[i];
        }
        mean /= Math.max(n, 1);
        double ss = 0;
        for (int i = 0; i < n; i++) {
          double t = col[i] - mean;
          ss += t * t;
        }
        shiftScale[0] = mean;
        shiftScale[1] = Math.sqrt(ss / Math.max(n, 1));
      }
    };
  }

  /**
   * Returns min-max scaling into {@code [0, 1]}.
   *
   * @return {@code (x - min) / (max - min)} per column
   */
  public static Scaling minMax() {
    return new Affine("minmax") {
      @Override
      void parameters(double[] col, int n, double[] shiftScale) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          min = Math.min(min, col[i]);
          max = Math.max(max, col[i]);
        }
        shiftScale[0] = n == 0 ? 0 : min;
        shiftScale[1] = n == 0 ? 1 : max - min;
      }
    };
  }

  /**
   * Returns robust scaling by median and interquartile range.
   *
   * @return {@code (x - median) / (q75 - q25)} per column
   */
  public static Scaling robust() {
    return new Affine("robust") {
      @Override
      void parameters(double[] col, int n, double[] shiftScale) {
        Arrays.sort(col, 0, n);
        shiftScale[0] = quantile(col, n, 0.5);
        shiftScale[1] = quantile(col, n, 0.75) - quantile(col, n, 0.25);
      }
    };
  }

  /**
   * Returns the {@code ln(1 + x)} transform.
   *
   * @return a scaling that needs every value {@code > -1}
   */
  public static Scaling log1p() {
    return new Scaling() {
      @Override
      public FittedScaling fit(double[] data, int n, List<String> columns) {
        int d = columns.size();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            double v = data[i * d + j];
            if (!(v > -1)) {
              throw new InvalidDataException(
                  "row "
                      + i
                      + ", column '"
                      + columns.get(j)
                      + "': value "
                      + v
                      + " is <= -1, outside the domain of log1p scaling; use another scaling"
                      + " for this column or fix the value");
            }
          }
        }
        return FittedScaling.log1p(columns);
      }

      @Override
      public String name() {
        return "log1p";
      }
    };
  }

  /**
   * Returns the recipe that applies this one, then {@code next} on its output.
   *
   * @param next the recipe applied second
   * @return the chained recipe
   */
  public Scaling then(Scaling next) {
    Scaling first = this;
    return new Scaling() {
      @Override
      public FittedScaling fit(double[] data, int n, List<String> columns) {
        FittedScaling a = first.fit(data, n, columns);
        double[] mid = data.clone();
        a.transformInPlace(mid, n);
        return a.then(next.fit(mid, n, columns));
      }

      @Override
      public String name() {
        return first.name() + "+" + next.name();
      }
    };
  }

  /**
   * Returns a recipe by its short name, as used by the CLI: {@code none}, {@code standard}, {@code
   * minmax}, {@code robust}, {@code log1p}, or several joined by {@code +} (for example {@code
   * log1p+standard}).
   *
   * @param name the name
   * @return the recipe
   * @throws dev.segmentation.api.InvalidOptionException if a part is not a known recipe
   */
  public static Scaling byName(String name) {
    Scaling result = null;
    for (String part : name.trim().split("\\+", -1)) {
      Scaling s =
          switch (part.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> none();
            case "standard" -> standard();
            case "minmax" -> minMax();
            case "robust" -> robust();
            case "log1p" -> log1p();
            default ->
                throw new dev.segmentation.api.InvalidOptionException(
                    "scale",
                    name,
                    "must be none, standard, minmax, robust, log1p or a '+' chain of them");
          };
      result = result == null ? s : result.then(s);
    }
    return result;
  }

  static double quantile(double[] sorted, int n, double q) {
    if (n == 0) {
      return 0;
    }
    double pos = q * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** A per-column {@code (x - shift) / scale} recipe. */
  private abstract static class Affine extends Scaling {
    private final String name;

    Affine(String name) {
      this.name = name;
    }

    /** Writes {shift, scale} for one column; {@code col} may be reordered. */
    abstract void parameters(double[] col, int n, double[] shiftScale);

    @Override
    public FittedScaling fit(double[] data, int n, List<String> columns) {
      int d = columns.size();
      double[] shift = new double[d];
      double[] scale = new double[d];
      double[] col = new double[n];
      double[] ps = new double[2];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < n; i++) {
          col[i] = data[i * d + j];
        }
        parameters(col, n, ps);
        if (!Double.isFinite(ps[0]) || Double.isInfinite(ps[1])) {
          // The sums overflowed (values near 1e155 and beyond): taking the scale as 1 would hide
          // it and leave distances that overflow in turn.
          throw new InvalidDataException(
              "column '"
                  + columns.get(j)
                  + "': values are too large for "
                  + name
                  + " scaling (its sums overflow a double); divide the column by a power of ten"
                  + " first or use log1p");
        }
        shift[j] = ps[0];
        // A constant column would divide by zero: centre it and leave its scale alone.
        scale[j] = ps[1] > 0 ? ps[1] : 1;
      }
      return FittedScaling.affine(columns, shift, scale);
    }

    @Override
    public String name() {
      return name;
    }
  }
}
