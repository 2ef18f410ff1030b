package dev.segmentation.io;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.Messages;
import dev.segmentation.core.preprocess.FittedScaling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Typed access to parsed JSON, every failure naming the file and the field. */
final class JsonReader {
  private final String source;

  JsonReader(String source) {
    this.source = source;
  }

  InvalidDataException bad(String field, String problem) {
    return new InvalidDataException("model file " + source + ": field '" + field + "' " + problem);
  }

  @SuppressWarnings("unchecked") // JSON objects parse to maps with string keys
  Map<String, Object> object(Object v, String field) {
    if (!(v instanceof Map)) {
      throw bad(field, "must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  Object field(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw bad(key, "is missing");
    }
    return v;
  }

  String string(Map<String, Object> m, String key) {
    Object v = field(m, key);
    if (!(v instanceof String s)) {
      throw bad(key, "must be a string");
    }
    return s;
  }

  boolean bool(Map<String, Object> m, String key) {
    Object v = field(m, key);
    if (!(v instanceof Boolean b)) {
      throw bad(key, "must be true or false");
    }
    return b;
  }

  long integer(Map<String, Object> m, String key, long lo, long hi) {
    Object v = field(m, key);
    if (!(v instanceof Integer || v instanceof Long)) {
      throw bad(key, "must be a whole number, not " + v);
    }
    long x = ((Number) v).longValue();
    if (x < lo || x > hi) {
      throw bad(key, "is " + x + ", outside [" + lo + ", " + hi + "]");
    }
    return x;
  }

  double number(Map<String, Object> m, String key) {
    return finite(field(m, key), key);
  }

  double finite(Object v, String what) {
    if (!(v instanceof Number n)) {
      throw bad(what, "must hold numbers, not " + (v instanceof String ? "'" + v + "'" : v));
    }
    double x = n.doubleValue();
    if (!Double.isFinite(x)) {
      throw bad(what, "holds " + x + "; every number must be finite");
    }
    return x;
  }

  List<?> list(Object v, String what) {
    if (!(v instanceof List<?> l)) {
      throw bad(what, "must be a JSON array");
    }
    return l;
  }

  double[] doubles(Map<String, Object> m, String key) {
    return doubles(field(m, key), key);
  }

  double[] doubles(Object v, String what) {
    List<?> l = list(v, what);
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = finite(l.get(i), what);
    }
    return out;
  }

  int[] ints(Map<String, Object> m, String key) {
    List<?> l = list(field(m, key), key);
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = l.get(i);
      if (!(v instanceof Integer x)) {
        throw bad(key, "must hold whole numbers, not " + v + " at position " + i);
      }
      out[i] = x;
    }
    return out;
  }

  double[][] matrix(Map<String, Object> m, String key, int d) {
    List<?> rows = list(field(m, key), key);
    double[][] out = new double[rows.size()][];
    for (int r = 0; r < out.length; r++) {
      out[r] = doubles(rows.get(r), key);
      if (out[r].length != d) {
        throw bad(
            key, "row " + r + " has " + out[r].length + " values, not one per column (" + d + ")");
      }
    }
    return out;
  }

  <E extends Enum<E>> E enumValue(Map<String, Object> m, String key, Class<E> type) {
    String v = string(m, key);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(key, "is '" + v + "', not a " + type.getSimpleName());
    }
  }

  List<String> strings(Map<String, Object> m, String key) {
    return strings(list(field(m, key), key), key);
  }

  List<String> strings(List<?> l, String what) {
    List<String> out = new ArrayList<>();
    for (Object v : l) {
      if (!(v instanceof String s)) {
        throw bad(what, "must hold text, not " + v);
      }
      out.add(s);
    }
    return out;
  }

  List<String> columns(Map<String, Object> root) {
    List<?> l = list(field(root, "columns"), "columns");
    if (l.isEmpty()) {
      throw bad("columns", "must name at least one column");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object v : l) {
      if (!(v instanceof String s) || s.isBlank()) {
        throw bad("columns", "must hold non-empty names, not " + v);
      }
      if (!seen.add(s)) {
        throw bad("columns", "names '" + Messages.cut(s) + "' twice");
      }
      out.add(s);
    }
    return out;
  }

  FittedScaling scaling(Map<String, Object> root, List<String> columns) {
    List<?> stages = list(field(root, "scaling"), "scaling");
    int k = stages.size();
    boolean[] log1p = new boolean[k];
    double[][] shifts = new double[k][];
    double[][] scales = new double[k][];
    for (int s = 0; s < k; s++) {
      Map<String, Object> stage = object(stages.get(s), "scaling");
      String kind = string(stage, "stage");
      switch (kind) {
        case "log1p" -> log1p[s] = true;
        case "affine" -> {
          shifts[s] = doubles(stage, "shift");
          scales[s] = doubles(stage, "scale");
        }
        default ->
            throw bad(
                "scaling", "stage " + s + " is '" + Messages.cut(kind) + "', not log1p or affine");
      }
    }
    return FittedScaling.restore(columns, log1p, shifts, scales);
  }
}
