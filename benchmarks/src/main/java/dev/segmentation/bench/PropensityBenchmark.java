package dev.segmentation.bench;

import dev.segmentation.api.Dataset;
import dev.segmentation.customer.propensity.Calibrator;
import dev.segmentation.customer.propensity.LogisticRegression;
import dev.segmentation.customer.propensity.ScoreMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training and scoring a propensity on 1M customers x 20 features (issue 21): the L2 logistic
 * regression (C = 1) by Newton's method, and the probabilities of all rows. The matrix is a fixed
 * formula ({@code x_ij = sin(0.001 i (j + 1) + j) * (1 + j % 3)}, labels from a logit with weights
 * {@code (-1)^j / (j + 1)} and the golden-ratio sequence as the uniform draw) that {@code
 * benchmarks/propensity_peer.py} rebuilds in NumPy for scikit-learn in the same run ({@code
 * benchmarks/propensity-speed.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class PropensityBenchmark {
  static final int N = 1_000_000;
  static final int D = 20;

  Dataset data;
  int[] labels;
  LogisticRegression model;
  double[] probabilities;

  /** Builds the matrix and fits once for the scoring benchmark. */
  @Setup(Level.Trial)
  public void setup() {
    double[] x = new double[N * D];
    labels = new int[N];
    for (int i = 0; i < N; i++) {
      double logit = -1;
      for (int j = 0; j < D; j++) {
        double v = Math.sin(0.001 * i * (j + 1) + j) * (1 + j % 3);
        x[i * D + j] = v;
        logit += (j % 2 == 0 ? 1.0 : -1.0) / (j + 1) * v;
      }
      double u = (i * 0.6180339887498949) % 1.0;
      labels[i] = u < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      names.add("f" + j);
    }
    data = Dataset.ofRowMajor(x, N, names);
    model = train();
    probabilities = model.probabilities(data);
  }

  /**
   * Fits the regression.
   *
   * @return the model
   */
  @Benchmark
  public LogisticRegression train() {
    return LogisticRegression.fitter().c(1).fit(data, labels);
  }

  /**
   * Scores every row.
   *
   * @return the probabilities
   */
  @Benchmark
  public double[] score() {
    return model.probabilities(data);
  }

  /**
   * The evaluation of 1M scores: area under the ROC curve, average precision, deciles and an
   * isotonic calibration, each of which orders the rows by score.
   *
   * @return a sum, so the work is not dead
   */
  @Benchmark
  public double evaluate() {
    double auc = ScoreMetrics.rocAuc(probabilities, labels);
    double ap = ScoreMetrics.averagePrecision(probabilities, labels);
    ScoreMetrics.Decile[] deciles = ScoreMetrics.deciles(probabilities, labels);
    Calibrator calibrator = Calibrator.isotonic(probabilities, labels);
    return auc + ap + deciles.length + calibrator.apply(0.5);
  }
}
