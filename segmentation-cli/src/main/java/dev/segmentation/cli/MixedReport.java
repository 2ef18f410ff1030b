package dev.segmentation.cli;

import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.SegmentationResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The text profile of segments of customers with categorical columns: per segment its size, the
 * mean of each numeric column (present values, original units) and the modal level of each
 * categorical column with the share of members holding it. Noise, if any, on a line of its own.
 */
final class MixedReport {
  private MixedReport() {}

  /** One segment's profile, computed once and printed or rendered. */
  static final class Profile {
    final int segments;
    final int[] sizes;
    final double[][] means;
    final String[][] modes;
    final double[][] modeShares;

    Profile(MixedDataset data, int[] labels, int k) {
      int p = data.numNumeric();
      int q = data.numCategorical();
      segments = k;
      sizes = new int[k + 1];
      means = new double[k + 1][p];
      modes = new String[k + 1][q];
      modeShares = new double[k + 1][q];
      int[][] present = new int[k + 1][p];
      long[][][] counts = new long[k + 1][q][];
      for (int s = 0; s <= k; s++) {
        for (int j = 0; j < q; j++) {
          counts[s][j] = new long[data.levels(j).size()];
        }
      }
      for (int i = 0; i < labels.length; i++) {
        int s = labels[i] == SegmentationResult.NOISE ? k : labels[i];
        sizes[s]++;
        for (int j = 0; j < p; j++) {
          double v = data.numeric(i, j);
          if (!Double.isNaN(v)) {
            means[s][j] += v;
            present[s][j]++;
          }
        }
        for (int j = 0; j < q; j++) {
          int c = data.code(i, j);
          if (c != MixedDataset.MISSING) {
            counts[s][j][c]++;
          }
        }
      }
      for (int s = 0; s <= k; s++) {
        for (int j = 0; j < p; j++) {
          means[s][j] = present[s][j] == 0 ? Double.NaN : means[s][j] / present[s][j];
        }
        for (int j = 0; j < q; j++) {
          int best = -1;
          for (int l = 0; l < counts[s][j].length; l++) {
            if (counts[s][j][l] > 0 && (best < 0 || counts[s][j][l] > counts[s][j][best])) {
              best = l;
            }
          }
          modes[s][j] = best < 0 ? "" : data.levels(j).get(best);
          modeShares[s][j] = best < 0 ? 0 : (double) counts[s][j][best] / sizes[s];
        }
      }
    }
  }

  /** Prints the profile table under a headline. */
  static void print(PrintWriter out, MixedDataset data, int[] labels, int k) {
    Profile pr = new Profile(data, labels, k);
    int n = labels.length;
    StringBuilder header =
        new StringBuilder(String.format(Locale.ROOT, "%-8s %7s %6s", "segment", "size", "share"));
    for (String c : data.numericNames()) {
      header.append(String.format(Locale.ROOT, " %14s", cut(c, 14)));
    }
    for (String c : data.categoricalNames()) {
      header.append(String.format(Locale.ROOT, " %-22s", cut(c, 22)));
    }
    out.println();
    out.println(
        "segment profiles (numeric means in original units; modal category and its share):");
    out.println(header);
    for (int s = 0; s <= k; s++) {
      if (s == k && pr.sizes[k] == 0) {
        break;
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-8s %7d %5.1f%%",
                  s == k ? "noise" : Integer.toString(s),
                  pr.sizes[s],
                  100.0 * pr.sizes[s] / n));
      for (double m : pr.means[s]) {
        line.append(String.format(Locale.ROOT, " %14.6g", m));
      }
      for (int j = 0; j < data.numCategorical(); j++) {
        String cell =
            pr.sizes[s] == 0
                ? "-"
                : String.format(
                    Locale.ROOT, "%s (%.0f%%)", cut(pr.modes[s][j], 14), 100 * pr.modeShares[s][j]);
        line.append(String.format(Locale.ROOT, " %-22s", cell));
      }
      out.println(line);
    }
    out.flush();
  }

  static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }
}
