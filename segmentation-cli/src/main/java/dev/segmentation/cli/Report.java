package dev.segmentation.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the text summary of a fit (sizes, the algorithm's own figures and segment means) and
 * writes the per-row labels file every command's {@code --output} produces.
 */
final class Report {
  private Report() {}

  /** The K-means line: inertia, iterations, distances, time. */
  static String kmeansDetail(FitSummary s) {
    return String.format(
        Locale.ROOT,
        "inertia %.6g, %d iterations (%s), %d distance computations, fit %d ms",
        s.objective(),
        s.iterations(),
        s.converged() ? "converged" : "iteration limit reached",
        s.distanceComputations(),
        s.elapsed().toMillis());
  }

  /** {@link #kmeansDetail(FitSummary)} with the part of the fit spent seeding. */
  static String kmeansDetail(FitSummary s, long seedingMillis) {
    return kmeansDetail(s) + String.format(Locale.ROOT, " (seeding %d ms)", seedingMillis);
  }

  /**
   * Prints the headline, {@code detail}, and the mean of every column per segment (noise rows, if
   * any, on a line of their own).
   */
  static void print(PrintWriter out, Dataset data, SegmentationResult<?> result, String detail) {
    FitSummary s = result.summary();
    int n = result.numRows();
    int k = result.model().numSegments();
    out.printf(Locale.ROOT, "%s: %d rows, %d segments%n", s.algorithm(), n, k);
    out.println(detail);
    List<String> cols = data.columnNames();
    int d = cols.size();
    // the last row of the table holds the noise
    double[][] means = new double[k + 1][d];
    int[] sizes = new int[k + 1];
    for (int i = 0; i < n; i++) {
      int l = result.label(i);
      int slot = l == SegmentationResult.NOISE ? k : l;
      sizes[slot]++;
      for (int j = 0; j < d; j++) {
        means[slot][j] += data.get(i, j);
      }
    }
    StringBuilder header =
        new StringBuilder(String.format(Locale.ROOT, "%-8s %7s %6s", "segment", "size", "share"));
    for (String c : cols) {
      header.append(String.format(Locale.ROOT, " %14s", abbreviate(c)));
    }
    out.println();
    out.println("segment means (original units):");
    out.println(header);
    for (int c = 0; c <= k; c++) {
      if (c == k && sizes[k] == 0) {
        break;
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-8s %7d %5.1f%%",
                  c == k ? "noise" : Integer.toString(c),
                  sizes[c],
                  100.0 * sizes[c] / n));
      for (int j = 0; j < d; j++) {
        line.append(
            String.format(
                Locale.ROOT, " %14.6g", sizes[c] == 0 ? Double.NaN : means[c][j] / sizes[c]));
      }
      out.println(line);
    }
    out.flush();
  }

  private static String abbreviate(String s) {
    return s.length() <= 14 ? s : s.substring(0, 13) + "~";
  }

  /**
   * Writes one line per row: the id (or 1-based row number), the segment and, when {@code
   * extraHeader} is given, one more column whose value for row {@code i} is {@code extra(i)}.
   */
  static void writeLabels(
      Path file,
      Dataset data,
      int[] labels,
      String extraHeader,
      java.util.function.IntFunction<String> extra,
      String idColumn,
      SafeCsv csv) {
    writeColumns(
        file,
        data,
        labels,
        extraHeader == null ? List.of() : List.of(extraHeader),
        i -> new String[] {extra.apply(i)},
        idColumn,
        csv);
  }

  /** Writes id (or 1-based row), segment and the extra columns of every row. */
  static void writeColumns(
      Path file,
      Dataset data,
      int[] labels,
      List<String> extraHeaders,
      java.util.function.IntFunction<String[]> extras,
      String idColumn,
      SafeCsv csv) {
    writeColumns(file, data.rowIds().orElse(null), labels, extraHeaders, extras, idColumn, csv);
  }

  /** As above, with the row ids given (null for 1-based row numbers). */
  static void writeColumns(
      Path file,
      List<String> ids,
      int[] labels,
      List<String> extraHeaders,
      java.util.function.IntFunction<String[]> extras,
      String idColumn,
      SafeCsv csv) {
    AtomicFiles.write(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new java.util.ArrayList<>();
            header.add(idColumn != null ? idColumn : "row");
            header.add("segment");
            header.addAll(extraHeaders);
            csv.record(w, header.toArray(new String[0]));
            String[] record = new String[header.size()];
            for (int i = 0; i < labels.length; i++) {
              record[0] = ids != null ? ids.get(i) : Integer.toString(i + 1);
              record[1] = Integer.toString(labels[i]);
              if (!extraHeaders.isEmpty()) {
                System.arraycopy(extras.apply(i), 0, record, 2, extraHeaders.size());
              }
              csv.record(w, record);
            }
          }
        });
  }

  /** A number for a CSV cell: integers without a fraction, others as Java's shortest form. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The row ids of a data set, or its 1-based row numbers without ids. */
  static List<String> ids(Dataset data) {
    if (data.hasRowIds()) {
      return data.rowIds().orElseThrow();
    }
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= data.numRows(); i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  /** How many flags are set. */
  static int count(boolean[] flags) {
    int c = 0;
    for (boolean f : flags) {
      c += f ? 1 : 0;
    }
    return c;
  }
}
