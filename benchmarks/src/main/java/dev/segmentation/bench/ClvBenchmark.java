package dev.segmentation.bench;

import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.customer.clv.ParetoNbd;
import dev.segmentation.customer.clv.TimeScale;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
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
 * The buy-till-you-die path at a million (issue 20): the calibration summary of 1M transactions,
 * the fit of each model on 1M customers, one log-likelihood evaluation over 1M customers, and
 * scoring 1M customers (P(alive), expected purchases and lifetime value over 52 weeks). The data
 * are a simulated cohort in days (BG/NBD story: r = 0.25, alpha = 4.8 weeks, a = 0.7, b = 2.2;
 * first purchases over 12 weeks, 39 calibration weeks) with gamma-distributed spend; {@code main}
 * writes the same 1M-customer summary as CSV for the NumPy/SciPy peer ({@code
 * benchmarks/clv-speed.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx6g")
public class ClvBenchmark {
  static final LocalDate START = LocalDate.of(1997, 1, 1);
  static final LocalDate CALIBRATION_END = START.plusDays(272);

  TransactionLog transactions;
  CalibrationSummary customers;
  BgNbd bg;
  GammaGamma gg;

  /**
   * Simulates a cohort whose log has about {@code lines} lines.
   *
   * @param count customers
   * @param seed random seed
   * @return the log up to the calibration end
   */
  static TransactionLog cohort(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TransactionLog.Builder b = TransactionLog.builder();
    for (int c = 0; c < count; c++) {
      String id = "C" + c;
      double lambda = gamma(rng, 0.25) / 4.8 / 7; // purchases per day
      double ga = gamma(rng, 0.7);
      double p = ga / (ga + gamma(rng, 2.2));
      double scale = gamma(rng, 3.6) / 15; // spend: Gamma(6.3, scale)
      long day = rng.nextInt(84);
      b.add(id, START.plusDays(day), Math.round(gamma(rng, 6.3) / scale * 100) / 100.0);
      double t = day;
      while (true) {
        t += -Math.log(1 - rng.nextDouble()) / lambda;
        if (t > 272) {
          break;
        }
        b.add(id, START.plusDays((long) t), Math.round(gamma(rng, 6.3) / scale * 100) / 100.0);
        if (rng.nextDouble() < p) {
          break;
        }
      }
    }
    return b.build();
  }

  /** Marsaglia and Tsang's gamma sampler with scale 1. */
  static double gamma(SplittableRandom rng, double k) {
    if (k < 1) {
      return gamma(rng, k + 1) * Math.pow(rng.nextDouble(), 1 / k);
    }
    double d = k - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z =
          Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
      double v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(rng.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static CalibrationSummary summary(TransactionLog log) {
    return CalibrationSummary.until(CALIBRATION_END).scale(TimeScale.WEEKS).compute(log);
  }

  /** Builds the data once: a log of about 1M lines and a summary of 1M customers. */
  @Setup(Level.Trial)
  public void setup() {
    transactions = cohort(440_000, 1);
    customers = summary(cohort(1_000_000, 2));
    bg = BgNbd.fit(customers);
    gg = GammaGamma.fit(customers);
  }

  /**
   * The calibration summary of about 1M transactions.
   *
   * @return the summary
   */
  @Benchmark
  public CalibrationSummary summaryOfAMillionLines() {
    return summary(transactions);
  }

  /**
   * BG/NBD fit on 1M customers.
   *
   * @return the model
   */
  @Benchmark
  public BgNbd fitBgNbd() {
    return BgNbd.fit(customers);
  }

  /**
   * Pareto/NBD fit on 1M customers.
   *
   * @return the model
   */
  @Benchmark
  public ParetoNbd fitParetoNbd() {
    return ParetoNbd.fit(customers);
  }

  /**
   * Gamma-Gamma fit on the repeat customers of 1M.
   *
   * @return the model
   */
  @Benchmark
  public GammaGamma fitGammaGamma() {
    return GammaGamma.fit(customers);
  }

  /**
   * One BG/NBD log-likelihood evaluation, customer by customer (no compression), over 1M.
   *
   * @return the total
   */
  @Benchmark
  public double logLikelihoodBgNbd() {
    double sum = 0;
    for (int i = 0; i < customers.size(); i++) {
      sum += bg.logLikelihood(customers.frequency(i), customers.recency(i), customers.age(i));
    }
    return sum;
  }

  /**
   * P(alive), expected purchases and lifetime value over 52 weeks for 1M customers.
   *
   * @return the predictions
   */
  @Benchmark
  public CustomerValue scoreAMillion() {
    return CustomerValue.score(customers, bg, gg, 52, 0.01);
  }

  /**
   * Writes the 1M-customer summary as CSV (id, x, t_x, T, value) for the NumPy/SciPy peer.
   *
   * @param args the output file
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    CalibrationSummary s = summary(cohort(1_000_000, 2));
    // the fits' estimates and log-likelihoods, to compare with the peer's on the same data
    System.out.print(BgNbd.fit(s).report().describe("BG/NBD"));
    System.out.print(ParetoNbd.fit(s).report().describe("Pareto/NBD"));
    System.out.print(GammaGamma.fit(s).report().describe("Gamma-Gamma"));
    try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
      w.write("id,x,t_x,T,value\n");
      for (int i = 0; i < s.size(); i++) {
        w.write(
            s.customerIds().get(i)
                + ","
                + s.frequency(i)
                + ","
                + s.recency(i)
                + ","
                + s.age(i)
                + ","
                + s.meanValue(i)
                + "\n");
      }
    }
  }
}
