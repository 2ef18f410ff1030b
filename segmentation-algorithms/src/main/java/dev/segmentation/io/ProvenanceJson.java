package dev.segmentation.io;

import dev.segmentation.api.FitSummary;
import dev.segmentation.api.Provenance;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code "provenance"} object of a model file (format version 2): how the model was made.
 * Numbers that may be NaN or infinite (an objective DBSCAN does not have) are written as strings.
 */
final class ProvenanceJson {
  private ProvenanceJson() {}

  static Map<String, Object> write(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("algorithm", p.algorithm());
    m.put("options", new LinkedHashMap<>(p.options()));
    if (p.seed().isPresent()) {
      m.put("seed", p.seed().getAsLong());
    }
    m.put("libraryVersion", p.libraryVersion());
    m.put("rows", p.rows());
    m.put("columns", p.columns());
    m.put("created", p.created().toString());
    FitSummary s = p.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("algorithm", s.algorithm());
    summary.put("iterations", s.iterations());
    summary.put("converged", s.converged());
    summary.put("objective", number(s.objective()));
    summary.put("distanceComputations", s.distanceComputations());
    summary.put("elapsedNanos", s.elapsed().toNanos());
    List<Object> trace = new ArrayList<>();
    for (double v : s.objectiveTrace()) {
      trace.add(number(v));
    }
    summary.put("objectiveTrace", trace);
    m.put("summary", summary);
    return m;
  }

  private static Object number(double v) {
    return Double.isFinite(v) ? (Object) v : Double.toString(v);
  }

  static Provenance read(JsonReader r, Object value) {
    Map<String, Object> m = r.object(value, "provenance");
    Map<String, Object> opts = r.object(r.field(m, "options"), "provenance.options");
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : opts.entrySet()) {
      if (!(e.getValue() instanceof String v)) {
        throw r.bad("provenance.options." + e.getKey(), "must be a string");
      }
      options.put(e.getKey(), v);
    }
    Long seed = m.containsKey("seed") ? r.integer(m, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : null;
    Instant created;
    try {
      created = Instant.parse(r.string(m, "created"));
    } catch (DateTimeException e) {
      throw r.bad("provenance.created", "is not an ISO-8601 instant: " + e.getMessage());
    }
    Map<String, Object> s = r.object(r.field(m, "summary"), "provenance.summary");
    List<?> traceValues = r.list(r.field(s, "objectiveTrace"), "objectiveTrace");
    double[] trace = new double[traceValues.size()];
    for (int i = 0; i < trace.length; i++) {
      trace[i] = anyNumber(r, traceValues.get(i), "objectiveTrace");
    }
    FitSummary summary =
        new FitSummary(
            r.string(s, "algorithm"),
            (int) r.integer(s, "iterations", 0, Integer.MAX_VALUE),
            r.bool(s, "converged"),
            anyNumber(r, r.field(s, "objective"), "objective"),
            r.integer(s, "distanceComputations", 0, Long.MAX_VALUE),
            Duration.ofNanos(r.integer(s, "elapsedNanos", 0, Long.MAX_VALUE)),
            trace);
    List<?> names = r.list(r.field(m, "columns"), "provenance.columns");
    List<String> columns = new ArrayList<>();
    for (Object o : names) {
      if (!(o instanceof String c)) {
        throw r.bad("provenance.columns", "must hold strings");
      }
      columns.add(c);
    }
    return new Provenance(
        r.string(m, "algorithm"),
        options,
        seed,
        r.string(m, "libraryVersion"),
        r.integer(m, "rows", 0, Long.MAX_VALUE),
        columns,
        summary,
        created);
  }

  /** A number, or one of the strings {@link Double#toString} gives for NaN and the infinities. */
  private static double anyNumber(JsonReader r, Object v, String what) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String t
        && (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity"))) {
      return Double.parseDouble(t);
    }
    throw r.bad(what, "must hold numbers, not " + v);
  }
}
