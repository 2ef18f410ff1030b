package dev.segmentation.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns JMH JSON results of the {@code Peer*Benchmark}s (and the {@code RESULT} lines their logs
 * hold) into Markdown tables: one table per benchmark, parameter set and comparison group, one row
 * per implementation with the time, its 99.9% error (when there were 2+ measurements), the ratio to
 * the fastest of ours in the table (above 1: the peer is slower), and what the run printed about
 * the result (iterations and time per iteration, objective, identical to ours, quantization error).
 * For maps, a last table gives the time of one epoch: the difference between the largest and the
 * smallest {@code epochs} measured, divided by their difference. What {@code benchmarks/compare.sh}
 * prints at the end.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.segmentation.bench.PeerTables results/*.json
 * }</pre>
 */
public final class PeerTables {
  private static final Pattern SPACE = Pattern.compile(" ");
  private static final Pattern TAB = Pattern.compile("\t");
  private static final Pattern EPOCHS = Pattern.compile("epochs=(\\d+)");

  /** K-means implementations that seed themselves, so they are compared among themselves. */
  private static final Set<String> SELF_SEEDED =
      Set.of("OURS_PP", "SMILE_LLOYD", "COMMONS_MATH", "TRIBUO");

  private PeerTables() {}

  /** One measured configuration with what its log said. */
  private record Run(
      String table,
      String impl,
      double score,
      double error,
      String unit,
      Map<String, String> said) {}

  /**
   * Prints the tables.
   *
   * @param args JMH result files ({@code -rf json}); a {@code .log} file of the same name, if
   *     present, supplies the {@code RESULT} lines
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Map<String, List<Run>> tables = new TreeMap<>();
    List<Run> maps = new ArrayList<>();
    for (String file : args) {
      List<Map<String, String>> said = resultLines(Path.of(file.replaceAll("\\.json$", ".log")));
      for (Object o : JSON.std.listFrom(Files.readString(Path.of(file)))) {
        @SuppressWarnings("unchecked")
        Run r = run((Map<String, Object>) o, said);
        tables.computeIfAbsent(r.table(), key -> new ArrayList<>()).add(r);
        if (r.table().startsWith("PeerSomBenchmark")) {
          maps.add(r);
        }
      }
    }
    tables.forEach(PeerTables::print);
    printEpochs(maps);
  }

  private static List<Map<String, String>> resultLines(Path log) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("RESULT ")) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String t :
            SPACE.splitAsStream(line.substring(7).replace("not reported", "-")).toList()) {
          int eq = t.indexOf('=');
          if (eq > 0) {
            tokens.put(t.substring(0, eq), t.substring(eq + 1));
          }
        }
        out.add(tokens);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Run run(Map<String, Object> json, List<Map<String, String>> said) {
    String bench = String.valueOf(json.get("benchmark"));
    bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
    Map<String, String> params = new TreeMap<>();
    Object p = json.get("params");
    if (p != null) {
      ((Map<String, Object>) p).forEach((k, v) -> params.put(k, String.valueOf(v)));
    }
    String impl = params.containsKey("impl") ? params.remove("impl") : params.remove("method");
    StringBuilder table = new StringBuilder(bench);
    params.forEach((k, v) -> table.append(' ').append(k).append('=').append(v));
    if (bench.startsWith("PeerKMeans")) {
      table.append(
          SELF_SEEDED.contains(impl) ? ", each from its own k-means++" : ", same start centroids");
    } else if (bench.startsWith("PeerHierarchical")) {
      table.append(impl.endsWith("WARD") ? ", Ward" : ", single linkage");
    }
    Map<String, String> match = Map.of();
    for (Map<String, String> tokens : said) {
      boolean ok = impl.equals(tokens.getOrDefault("impl", tokens.get("method")));
      for (Map.Entry<String, String> e : params.entrySet()) {
        String t = tokens.get(e.getKey());
        ok &= t == null || t.equals(e.getValue());
      }
      if (ok) {
        match = tokens;
      }
    }
    Map<String, Object> m = (Map<String, Object>) json.get("primaryMetric");
    double error = m.get("scoreError") instanceof Number e ? e.doubleValue() : Double.NaN;
    return new Run(
        table.toString(),
        impl,
        ((Number) m.get("score")).doubleValue(),
        error,
        String.valueOf(m.get("scoreUnit")),
        match);
  }

  private static void print(String table, List<Run> runs) {
    double ours = Double.POSITIVE_INFINITY;
    for (Run r : runs) {
      if (r.impl().startsWith("OURS")) {
        ours = Math.min(ours, r.score());
      }
    }
    System.out.printf(Locale.ROOT, "%n%s (%s)%n%n", table, runs.get(0).unit());
    System.out.println("| implementation | time | error | vs fastest ours | result |");
    System.out.println("|---|---|---|---|---|");
    for (Run r : runs) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s |%n",
          r.impl(),
          number(r.score()),
          Double.isNaN(r.error()) ? "-" : "± " + number(r.error()),
          Double.isInfinite(ours) ? "-" : String.format(Locale.ROOT, "%.2fx", r.score() / ours),
          said(r));
    }
  }

  private static String said(Run r) {
    Map<String, String> s = new LinkedHashMap<>(r.said());
    for (String k : List.of("impl", "method", "n", "k", "shape", "side", "epochs", "cut")) {
      s.remove(k);
    }
    String iterations = s.get("iterations");
    if (iterations != null && iterations.matches("\\d+")) {
      s.put("ms/iteration", number(r.score() / Integer.parseInt(iterations)));
    }
    StringBuilder sb = new StringBuilder();
    s.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  private static void printEpochs(List<Run> maps) {
    // (grid, impl) -> epochs -> time
    Map<String, TreeMap<Integer, Double>> byGrid = new TreeMap<>();
    for (Run r : maps) {
      java.util.regex.Matcher m = EPOCHS.matcher(r.table());
      if (!m.find()) {
        continue;
      }
      int epochs = Integer.parseInt(m.group(1));
      String grid = r.table().replaceAll(" epochs=\\d+", "");
      byGrid.computeIfAbsent(grid + "\t" + r.impl(), key -> new TreeMap<>()).put(epochs, r.score());
    }
    String current = null;
    for (Map.Entry<String, TreeMap<Integer, Double>> e : byGrid.entrySet()) {
      String[] gi = TAB.splitAsStream(e.getKey()).toArray(String[]::new);
      TreeMap<Integer, Double> t = e.getValue();
      if (t.size() < 2) {
        continue;
      }
      if (!gi[0].equals(current)) {
        current = gi[0];
        System.out.printf(Locale.ROOT, "%n%s: one epoch (ms)%n%n", current);
        System.out.println("| implementation | epochs measured | per epoch |");
        System.out.println("|---|---|---|");
      }
      double perEpoch =
          (t.lastEntry().getValue() - t.firstEntry().getValue()) / (t.lastKey() - t.firstKey());
      System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", gi[1], t.keySet(), number(perEpoch));
    }
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }
}
