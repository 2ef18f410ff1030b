package dev.segmentation.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a choice of the number of segments saw: one row per candidate {@code k} with the criterion's
 * value, the inertia, the share of the smallest segment, whether the k could be chosen and, if not,
 * why. Filled by a k selection (see {@code dev.segmentation.core.evaluate.KSelection}) and carried
 * by {@link SegmentationResult#selection()}. Immutable.
 */
public final class SelectionTable {
  private final String criterion;
  private final String rule;
  private final List<Row> rows;
  private final int chosenK;

  /**
   * One candidate number of segments.
   *
   * @param k the number of segments tried
   * @param value the criterion at this k (NaN where it is undefined, for example the elbow, which
   *     has no value of its own; its curve is {@code inertia})
   * @param spread the criterion's standard error where it has one (the gap statistic's {@code
   *     s_k}), else NaN
   * @param inertia the sum of squared distances of rows to their segment's centroid, in the space
   *     the algorithm measures distances in
   * @param smallestShare the smallest segment's share of the non-noise rows, in {@code [0, 1]}
   * @param eligible whether this k was among the candidates the rule chose from
   * @param note empty, or why the k was rejected or set aside (a minimum share it misses, a
   *     preferred range it is outside)
   */
  public record Row(
      int k,
      double value,
      double spread,
      double inertia,
      double smallestShare,
      boolean eligible,
      String note) {}

  /**
   * Creates a table.
   *
   * @param criterion the criterion's name, for example {@code SILHOUETTE}
   * @param rule how the k was chosen from the eligible rows, in words
   * @param rows one row per candidate k, in increasing k; copied
   * @param chosenK the k that was chosen; must be an eligible row
   * @throws IllegalArgumentException if {@code chosenK} is not an eligible row of the table
   * @throws NullPointerException if a row's note is null
   */
  public SelectionTable(String criterion, String rule, List<Row> rows, int chosenK) {
    this.criterion = Objects.requireNonNull(criterion, "criterion");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.rows = List.copyOf(rows);
    this.chosenK = chosenK;
    boolean found = false;
    for (Row r : this.rows) {
      Objects.requireNonNull(r.note(), "note");
      found |= r.k() == chosenK && r.eligible();
    }
    if (!found) {
      throw new IllegalArgumentException("k = " + chosenK + " is not an eligible row of the table");
    }
  }

  /**
   * Returns the criterion's name.
   *
   * @return for example {@code SILHOUETTE}
   */
  public String criterion() {
    return criterion;
  }

  /**
   * Returns how the k was chosen, in words.
   *
   * @return for example {@code "highest silhouette"}
   */
  public String rule() {
    return rule;
  }

  /**
   * Returns the rows, in increasing k.
   *
   * @return an unmodifiable list
   */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Returns the number of segments chosen.
   *
   * @return the chosen k
   */
  public int chosenK() {
    return chosenK;
  }

  /**
   * Returns the row of one k.
   *
   * @param k a k of the table
   * @return its row
   * @throws IllegalArgumentException if the table has no row for {@code k}
   */
  public Row row(int k) {
    for (Row r : rows) {
      if (r.k() == k) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "no row for k = " + k + "; the table covers " + rows.get(0).k() + ".." + lastK());
  }

  private int lastK() {
    return rows.get(rows.size() - 1).k();
  }

  /**
   * Formats the table for a terminal: one line per k, the chosen one marked with {@code *}. Numbers
   * use a dot as decimal separator whatever the default locale.
   *
   * @return the table as text, ending with a line break
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("k selection by ").append(criterion).append(" (").append(rule).append(")\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "  %4s %14s %12s %16s %15s  %s%n",
            "k",
            criterion.toLowerCase(Locale.ROOT),
            "+-",
            "inertia",
            "smallest share",
            "note"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s %4d %14.6g %12s %16.6g %14.1f%%  %s%n",
              r.k() == chosenK ? "*" : " ",
              r.k(),
              r.value(),
              Double.isNaN(r.spread()) ? "" : String.format(Locale.ROOT, "%.4g", r.spread()),
              r.inertia(),
              100 * r.smallestShare(),
              r.k() == chosenK ? "chosen" : r.note()));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SelectionTable["
        + criterion
        + ", k "
        + rows.get(0).k()
        + ".."
        + lastK()
        + ", chose "
        + chosenK
        + "]";
  }
}
