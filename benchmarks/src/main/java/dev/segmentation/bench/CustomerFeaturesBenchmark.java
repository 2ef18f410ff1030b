package dev.segmentation.bench;

import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.TransactionReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Customer features from a purchase log of {@code lines} transactions of {@code lines / 10}
 * customers over two years (order ids, quantities, 5% returns, 10% discounted lines): the
 * computation on a log in memory, and the whole path from a CSV file (read, parse, compute).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1)
public class CustomerFeaturesBenchmark {
  @Param({"1000000"})
  int lines;

  TransactionLog log;
  Path csv;
  static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);

  /** Builds the log in memory and writes the same lines to a temporary CSV file. */
  @Setup(Level.Trial)
  public void setup() throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    int customers = lines / 10;
    TransactionLog.Builder b = TransactionLog.builder();
    csv = Files.createTempFile("transactions", ".csv");
    LocalDate start = AS_OF.minusDays(730);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("customer_id,date,amount,quantity,order_id,discount,returned\n");
      for (int i = 0; i < lines; i++) {
        String c = String.format(Locale.ROOT, "C%07d", rng.nextInt(customers));
        LocalDate day = start.plusDays(rng.nextInt(731));
        boolean returned = rng.nextInt(20) == 0;
        double amount = Math.round(rng.nextDouble(1, 300) * 100) / 100.0;
        double quantity = 1 + rng.nextInt(5);
        String order = c + "-" + day;
        double discount = rng.nextInt(10) == 0 ? Math.round(amount * 10) / 100.0 : 0;
        b.add(c, day, amount, quantity, order, null, discount, returned);
        w.write(
            c
                + ","
                + day
                + ","
                + amount
                + ","
                + (int) quantity
                + ","
                + order
                + ","
                + discount
                + ","
                + (returned ? 1 : 0)
                + "\n");
      }
    }
    log = b.build();
  }

  /** Removes the temporary file. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      Files.deleteIfExists(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every feature, states and RFM scores from the log in memory.
   *
   * @return the table
   */
  @Benchmark
  public CustomerTable compute() {
    return CustomerFeatures.asOf(AS_OF).compute(log);
  }

  /**
   * Reading and parsing the CSV file, then every feature.
   *
   * @return the table
   */
  @Benchmark
  public CustomerTable readCsvAndCompute() {
    TransactionLog fromFile =
        TransactionReader.csv()
            .quantity("quantity")
            .order("order_id")
            .discount("discount")
            .returned("returned")
            .read(csv);
    return CustomerFeatures.asOf(AS_OF).compute(fromFile);
  }
}
