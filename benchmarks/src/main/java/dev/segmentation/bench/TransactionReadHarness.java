package dev.segmentation.bench;

import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.TransactionReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap per transaction line and time to read a large log (issue 19, item 9). Two modes:
 *
 * <pre>
 * java -cp benchmarks.jar dev.segmentation.bench.TransactionReadHarness generate FILE LINES
 * java -Xmx1g -cp benchmarks.jar dev.segmentation.bench.TransactionReadHarness read FILE
 * </pre>
 *
 * <p>{@code generate} writes {@code LINES} lines of {@code LINES / 10} customers over two years
 * with every optional column (quantity, order id, category, discount, returned flag), order ids
 * shared by a customer's lines of one day. {@code read} reads the file with every column and prints
 * the time, the heap retained by the log after a full collection and the peak heap of the run, each
 * per line. {@code benchmarks/read-memory.sh} runs it beside pandas.
 */
public final class TransactionReadHarness {
  private TransactionReadHarness() {}

  /**
   * Runs one mode.
   *
   * @param args {@code generate FILE LINES} or {@code read FILE}
   * @throws IOException if the file cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Integer.parseInt(args[2]));
    } else if (args.length == 2 && args[0].equals("read")) {
      read(Path.of(args[1]));
    } else {
      System.err.println("usage: generate FILE LINES | read FILE");
      System.exit(2);
    }
  }

  private static void generate(Path file, int lines) throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    int customers = Math.max(1, lines / 10);
    LocalDate start = LocalDate.of(2025, 1, 1);
    String[] categories = {"music", "books", "games", "film", "home", "garden", "toys", "sport"};
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("customer_id,date,amount,quantity,order_id,category,discount,returned\n");
      StringBuilder s = new StringBuilder(96);
      for (int i = 0; i < lines; i++) {
        String c = String.format(Locale.ROOT, "C%07d", rng.nextInt(customers));
        LocalDate day = start.plusDays(rng.nextInt(731));
        long cents = 100L + rng.nextInt(29_900);
        s.setLength(0);
        s.append(c).append(',').append(day).append(',');
        s.append(cents / 100).append('.').append(String.format(Locale.ROOT, "%02d", cents % 100));
        s.append(',').append(1 + rng.nextInt(5));
        s.append(',').append(c).append('-').append(day);
        s.append(',').append(categories[rng.nextInt(categories.length)]);
        s.append(',').append(rng.nextInt(10) == 0 ? String.valueOf(cents / 1000.0) : "0");
        s.append(',').append(rng.nextInt(20) == 0 ? 1 : 0).append('\n');
        w.write(s.toString());
      }
    }
  }

  private static void read(Path file) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    TransactionLog log =
        TransactionReader.csv()
            .quantity("quantity")
            .order("order_id")
            .category("category")
            .discount("discount")
            .returned("returned")
            .read(file);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long retained = usedAfterGc() - before;
    int n = log.size();
    System.out.printf(
        Locale.ROOT,
        "RESULT java lines=%d customers=%d seconds=%.2f retained_bytes_per_line=%.1f"
            + " peak_heap_bytes_per_line=%.1f max_heap_mb=%d%n",
        n,
        log.customerIds().size(),
        seconds,
        retained / (double) n,
        peak / (double) n,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
