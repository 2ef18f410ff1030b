package dev.segmentation.customer.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logistic regression and the metrics against scikit-learn on fixed data: pinned numbers
 * (computed by scikit-learn 1.2.1, {@code LogisticRegression(penalty="l2", C=0.5, solver="lbfgs",
 * tol=1e-10, max_iter=10000)} on the standardised matrix, and {@code sklearn.metrics}), and, when
 * the system Python has scikit-learn, the same comparison live.
 */
class SklearnAgreementTest {
  @TempDir Path dir;

  static final int N = 400;

  /** Three features and a label from a fixed formula, with ties in the scores' inputs. */
  static double[][] features() {
    double[][] x = new double[N][3];
    for (int i = 0; i < N; i++) {
      x[i][0] = Math.sin(0.37 * i);
      x[i][1] = 3 * Math.cos(0.11 * i) + i / 100.0;
      x[i][2] = i % 7;
    }
    return x;
  }

  static int[] labels(double[][] x) {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      double logit = 0.8 * x[i][0] - 0.5 * x[i][1] + 0.3 * x[i][2] - 0.2;
      double u = (i * 0.6180339887498949) % 1.0;
      y[i] = u < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return y;
  }

  /** What the pinned numbers and the live comparison check. */
  record Ours(
      double c0,
      double c1,
      double c2,
      double intercept,
      double auc,
      double ap,
      double logLoss,
      double brier) {
    double coef(int j) {
      return j == 0 ? c0 : j == 1 ? c1 : c2;
    }
  }

  static Ours ours() {
    double[][] x = features();
    int[] y = labels(x);
    LogisticRegression m = LogisticRegression.fitter().c(0.5).fit(Dataset.of(x, "a", "b", "c"), y);
    double[] p = m.probabilities(Dataset.of(x, "a", "b", "c"));
    // rounded scores make ties, which both AUC and AP must count as scikit-learn does
    double[] rounded = new double[N];
    for (int i = 0; i < N; i++) {
      rounded[i] = Math.round(p[i] * 20) / 20.0;
    }
    double[] w = m.standardisedCoefficients();
    return new Ours(
        w[0],
        w[1],
        w[2],
        m.standardisedIntercept(),
        ScoreMetrics.rocAuc(rounded, y),
        ScoreMetrics.averagePrecision(rounded, y),
        ScoreMetrics.logLoss(p, y),
        ScoreMetrics.brier(p, y));
  }

  @Test
  void equalsThePinnedScikitLearnNumbers() {
    Ours o = ours();
    double[] coef = {0.4871478125075086, -1.1166054415675017, 0.5475367901928498};
    for (int j = 0; j < 3; j++) {
      assertThat(o.coef(j)).isCloseTo(coef[j], offset(1e-6));
    }
    assertThat(o.intercept()).isCloseTo(-0.20081139072805154, offset(1e-6));
    assertThat(o.auc()).isCloseTo(0.8043997485857952, offset(1e-12));
    assertThat(o.ap()).isCloseTo(0.7683296778692824, offset(1e-12));
    assertThat(o.logLoss()).isCloseTo(0.5347232511294668, offset(1e-6));
    assertThat(o.brier()).isCloseTo(0.17863310031825186, offset(1e-6));
    // isotonic (IsotonicRegression(out_of_bounds="clip")) and Platt (_sigmoid_calibration) on the
    // first half
    assertThat(calibrations(true))
        .containsExactly(
            new double[] {0.0, 0.10526315789473681, 0.3, 0.425, 0.7692307692307693, 1.0, 1.0},
            offset(1e-12));
    assertThat(calibrations(false))
        .containsExactly(new double[] {-0.998193447169413, -0.07351214562370265}, offset(1e-5));
  }

  /** The same comparison with scikit-learn itself, when the system Python has it. */
  @Test
  void equalsScikitLearnLive() throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      System.out.println("SklearnAgreementTest: no /usr/bin/python3, the pinned test stands in");
      return;
    }
    double[][] x = features();
    int[] y = labels(x);
    Ours o = ours();
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < N; i++) {
      csv.append(
          String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%d%n", x[i][0], x[i][1], x[i][2], y[i]));
    }
    Path data = dir.resolve("data.csv");
    Files.writeString(data, csv.toString(), StandardCharsets.UTF_8);
    Path script = dir.resolve("check.py");
    Files.writeString(
        script,
        """
        import sys
        try:
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn import metrics
        except ImportError as e:
            print('SKIP', e); sys.exit(0)
        d = np.loadtxt(sys.argv[1], delimiter=',')
        X, y = d[:, :3], d[:, 3].astype(int)
        Z = (X - X.mean(axis=0)) / X.std(axis=0)
        m = LogisticRegression(penalty='l2', C=0.5, solver='lbfgs', tol=1e-10,
                               max_iter=10000).fit(Z, y)
        p = m.predict_proba(Z)[:, 1]
        r = np.round(p * 20) / 20
        vals = list(m.coef_[0]) + [m.intercept_[0], metrics.roc_auc_score(y, r),
                metrics.average_precision_score(y, r), metrics.log_loss(y, p),
                metrics.brier_score_loss(y, p)]
        print(' '.join(repr(float(v)) for v in vals))
        from sklearn.isotonic import IsotonicRegression
        from sklearn.calibration import _sigmoid_calibration
        half = len(y) // 2
        iso = IsotonicRegression(out_of_bounds='clip').fit(r[:half], y[:half])
        q = np.array([0.0, 0.12, 0.33, 0.5, 0.71, 0.97, 1.0])
        a, b = _sigmoid_calibration(np.log(p[:half] / (1 - p[:half])), y[:half])
        print(' '.join(repr(float(v)) for v in list(iso.predict(q)) + [a, b]))
        """);
    Process proc =
        new ProcessBuilder(python.toString(), script.toString(), data.toString())
            .redirectErrorStream(true)
            .start();
    String[] lines =
        new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .trim()
            .split("\n", -1);
    String output = lines[0].trim();
    assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (output.startsWith("SKIP")) {
      System.out.println("SklearnAgreementTest: " + output + "; the pinned test stands in");
      return;
    }
    System.out.println("scikit-learn: " + output);
    List<Double> v = new ArrayList<>();
    for (String s : output.split(" ", -1)) {
      v.add(Double.parseDouble(s));
    }
    for (int j = 0; j < 3; j++) {
      assertThat(o.coef(j)).isCloseTo(v.get(j), offset(1e-6));
    }
    assertThat(o.intercept()).isCloseTo(v.get(3), offset(1e-6));
    assertThat(o.auc()).isCloseTo(v.get(4), offset(1e-12));
    assertThat(o.ap()).isCloseTo(v.get(5), offset(1e-12));
    assertThat(o.logLoss()).isCloseTo(v.get(6), offset(1e-6));
    assertThat(o.brier()).isCloseTo(v.get(7), offset(1e-6));
    System.out.println("scikit-learn calibration: " + lines[1]);
    String[] c = lines[1].trim().split(" ", -1);
    double[] iso = calibrations(true);
    for (int i = 0; i < iso.length; i++) {
      assertThat(iso[i]).isCloseTo(Double.parseDouble(c[i]), offset(1e-12));
    }
    double[] ab = calibrations(false);
    assertThat(ab[0]).isCloseTo(Double.parseDouble(c[7]), offset(1e-5));
    assertThat(ab[1]).isCloseTo(Double.parseDouble(c[8]), offset(1e-5));
  }

  /** Isotonic predictions at fixed points, or Platt's (A, B), fitted on the first half. */
  static double[] calibrations(boolean isotonic) {
    double[][] x = features();
    int[] y = labels(x);
    double[] p =
        LogisticRegression.fitter()
            .c(0.5)
            .fit(Dataset.of(x, "a", "b", "c"), y)
            .probabilities(Dataset.of(x, "a", "b", "c"));
    int half = N / 2;
    double[] ph = java.util.Arrays.copyOf(p, half);
    int[] yh = java.util.Arrays.copyOf(y, half);
    if (isotonic) {
      double[] r = new double[half];
      for (int i = 0; i < half; i++) {
        r[i] = Math.round(p[i] * 20) / 20.0;
      }
      return Calibrator.isotonic(r, yh).apply(new double[] {0.0, 0.12, 0.33, 0.5, 0.71, 0.97, 1.0});
    }
    Calibrator platt = Calibrator.platt(ph, yh);
    return new double[] {platt.a(), platt.b()};
  }
}
