package dev.segmentation.customer;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the customer-level rules to a table of customers before anything is fitted: opted-out
 * customers are removed (CCPA "do not sell", GDPR objection to profiling), repeated ids are
 * rejected or merged by a {@link DuplicatePolicy}, and everything removed is counted. Mutable
 * builder; one thread.
 *
 * <pre>{@code
 * Exclusions.Result clean = Exclusions.optOut(optedOutIds)
 *     .duplicates(DuplicatePolicy.KEEP_FIRST)
 *     .apply(customers);
 * Dataset fitOn = clean.data();   // clean.optedOut(), clean.duplicates() say what went
 * }</pre>
 */
public final class Exclusions {
  private final Set<String> optedOut;
  private final String optOutColumn;
  private DuplicatePolicy duplicates = DuplicatePolicy.REJECT;

  private Exclusions(Set<String> optedOut, String optOutColumn) {
    this.optedOut = optedOut;
    this.optOutColumn = optOutColumn;
  }

  /**
   * Starts with the ids of customers who opted out.
   *
   * @param customerIds ids to remove; ids not in the data are ignored
   * @return the rules, duplicates rejected
   * @throws NullPointerException if the collection is null
   */
  public static Exclusions optOut(Collection<String> customerIds) {
    return new Exclusions(new HashSet<>(Objects.requireNonNull(customerIds, "customerIds")), null);
  }

  /**
   * Starts with an opt-out column of the customer table: rows where it is not 0 are removed, and
   * the column itself is dropped from the result (it is not a feature).
   *
   * @param column the column's name
   * @return the rules, duplicates rejected
   */
  public static Exclusions optOutColumn(String column) {
    return new Exclusions(new HashSet<>(), Objects.requireNonNull(column, "column"));
  }

  /**
   * Chooses what happens to repeated ids.
   *
   * @param policy the policy; default {@link DuplicatePolicy#REJECT}
   * @return this builder
   */
  public Exclusions duplicates(DuplicatePolicy policy) {
    this.duplicates = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * What is left and what was removed.
   *
   * @param data the remaining customers, in their original order
   * @param optedOut rows removed because their customer opted out
   * @param duplicates rows removed (or merged into another) because their id repeated
   * @param optedOutIds the distinct opted-out ids that were found
   */
  public record Result(Dataset data, int optedOut, int duplicates, List<String> optedOutIds) {}

  /**
   * Applies the rules. O(n d).
   *
   * @param data customers with row ids
   * @return the remaining rows and the counts
   * @throws InvalidDataException if the data has no row ids, or an id repeats under {@code REJECT}
   *     (naming it and both rows), or the opt-out column is missing
   */
  public Result apply(Dataset data) {
    if (optOutColumn != null) {
      int c = data.columnIndex(optOutColumn);
      if (c < 0) {
        throw new InvalidDataException(
            "no opt-out column '" + optOutColumn + "' among " + data.columnNames());
      }
      List<String> ids =
          data.rowIds()
              .orElseThrow(
                  () ->
                      new InvalidDataException(
                          "the data has no customer ids; load it with an id column"));
      Set<String> flagged = new HashSet<>();
      for (int i = 0; i < data.numRows(); i++) {
        if (data.get(i, c) != 0) {
          flagged.add(ids.get(i));
        }
      }
      List<String> rest = new ArrayList<>(data.columnNames());
      rest.remove(optOutColumn);
      return optOut(flagged).duplicates(duplicates).apply(data.select(rest.toArray(new String[0])));
    }
    List<String> ids =
        data.rowIds()
            .orElseThrow(
                () ->
                    new InvalidDataException(
                        "the data has no customer ids; load it with an id column"));
    int n = data.numRows();
    int d = data.numColumns();
    Object2IntOpenHashMap<String> firstRow = new Object2IntOpenHashMap<>();
    firstRow.defaultReturnValue(-1);
    IntArrayList keep = new IntArrayList();
    List<String> foundOptOut = new ArrayList<>();
    Set<String> seenOptOut = new HashSet<>();
    int removedOptOut = 0;
    int removedDuplicates = 0;
    Object2IntOpenHashMap<String> slot = new Object2IntOpenHashMap<>();
    List<double[]> sums = new ArrayList<>();
    IntArrayList counts = new IntArrayList();
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      if (optedOut.contains(id)) {
        removedOptOut++;
        if (seenOptOut.add(id)) {
          foundOptOut.add(id);
        }
        continue;
      }
      int prior = firstRow.getInt(id);
      if (prior < 0) {
        firstRow.put(id, i);
        slot.put(id, keep.size());
        keep.add(i);
        sums.add(data.row(i));
        counts.add(1);
        continue;
      }
      removedDuplicates++;
      int s = slot.getInt(id);
      switch (duplicates) {
        case REJECT ->
            throw new InvalidDataException(
                "customer id '"
                    + id
                    + "' appears in rows "
                    + prior
                    + " and "
                    + i
                    + " (counting from 0); remove the repeat or choose what repeats mean: a"
                    + " DuplicatePolicy (KEEP_FIRST, KEEP_LAST, MERGE_MEAN), on the command line"
                    + " --duplicates keep-first, keep-last or merge-mean");
        case KEEP_FIRST -> {}
        case KEEP_LAST -> {
          keep.set(s, i);
          sums.set(s, data.row(i));
        }
        case MERGE_MEAN -> {
          double[] sum = sums.get(s);
          for (int j = 0; j < d; j++) {
            sum[j] += data.get(i, j);
          }
          counts.set(s, counts.getInt(s) + 1);
        }
      }
    }
    int m = keep.size();
    double[] out = new double[m * d];
    List<String> keptIds = new ArrayList<>(m);
    double[] weights = data.weights().map(w -> new double[m]).orElse(null);
    for (int r = 0; r < m; r++) {
      double[] row = sums.get(r);
      for (int j = 0; j < d; j++) {
        out[r * d + j] = row[j] / counts.getInt(r);
      }
      keptIds.add(ids.get(keep.getInt(r)));
      if (weights != null) {
        weights[r] = data.weights().orElseThrow()[keep.getInt(r)];
      }
    }
    Dataset kept = Dataset.ofRowMajor(out, m, data.columnNames()).withRowIds(keptIds);
    if (weights != null) {
      kept = kept.withWeights(weights);
    }
    return new Result(kept, removedOptOut, removedDuplicates, List.copyOf(foundOptOut));
  }
}
