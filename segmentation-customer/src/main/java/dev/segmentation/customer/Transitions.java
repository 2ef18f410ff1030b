package dev.segmentation.customer;

import dev.segmentation.core.evaluate.SegmentAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who moved between segments from one snapshot to the next: for customers in both, a transition
 * matrix of counts and shares; customers only in the earlier snapshot are lost (counted per earlier
 * segment), those only in the later one are new (counted per later segment). Row {@code i} of the
 * counts plus {@code lost(i)} is the earlier size of segment {@code i}. Immutable.
 *
 * <pre>{@code
 * Transitions moves = Transitions.aligned(december, june);   // june's segments renamed to match
 * long stayed = moves.count(2, 2);
 * System.out.print(moves.toText());
 * }</pre>
 */
public final class Transitions {
  private final Snapshot earlier;
  private final Snapshot later;
  private final int ke;
  private final int kl;
  private final long[] counts;
  private final long[] lost;
  private final long[] fresh;
  private final int[] laterIds;
  private final List<String> newIds;
  private final List<String> lostIds;

  private Transitions(Snapshot earlier, Snapshot later, int[] laterIds) {
    this.earlier = earlier;
    this.later = later;
    this.laterIds = laterIds;
    int kIds = 0;
    for (int id : laterIds) {
      kIds = Math.max(kIds, id + 1);
    }
    this.ke = earlier.numSegments();
    this.kl = kIds;
    this.counts = new long[ke * kl];
    this.lost = new long[ke];
    this.fresh = new long[kl];
    this.lostIds = new ArrayList<>();
    this.newIds = new ArrayList<>();
    for (String id : earlier.customerIds()) {
      int a = earlier.segmentOf(id);
      int b = later.segmentOf(id);
      if (b < 0) {
        lost[a]++;
        lostIds.add(id);
      } else {
        counts[a * kl + laterIds[b]]++;
      }
    }
    for (String id : later.customerIds()) {
      if (earlier.segmentOf(id) < 0) {
        fresh[laterIds[later.segmentOf(id)]]++;
        newIds.add(id);
      }
    }
  }

  /**
   * Compares two snapshots whose segment labels already mean the same groups (for example both
   * assigned by one model, or a refit renumbered with {@code KMeansModel.alignedTo}). O(n).
   *
   * @param earlier the first snapshot
   * @param later the second snapshot
   * @return the transitions
   */
  public static Transitions between(Snapshot earlier, Snapshot later) {
    int[] identity = new int[later.numSegments()];
    for (int s = 0; s < identity.length; s++) {
      identity[s] = s;
    }
    return new Transitions(earlier, later, identity);
  }

  /**
   * Compares two snapshots from separate fits: first renames the later segments after the earlier
   * ones they share the most customers with ({@link SegmentAlignment#alignLabels}, the stable
   * identity matching), then counts. O(n + k^3).
   *
   * @param earlier the first snapshot
   * @param later the second snapshot, segments numbered by its own fit
   * @return the transitions, later segments under their matched names
   */
  public static Transitions aligned(Snapshot earlier, Snapshot later) {
    List<String> common = new ArrayList<>();
    for (String id : earlier.customerIds()) {
      if (later.segmentOf(id) >= 0) {
        common.add(id);
      }
    }
    int[] a = new int[common.size() + 1];
    int[] b = new int[common.size() + 1];
    for (int i = 0; i < common.size(); i++) {
      a[i] = earlier.segmentOf(common.get(i));
      b[i] = later.segmentOf(common.get(i));
    }
    // a noise-only sentinel row makes every later segment count, even one with no common customer
    a[common.size()] = -1;
    b[common.size()] = later.numSegments() - 1;
    return new Transitions(earlier, later, SegmentAlignment.alignLabels(a, b));
  }

  /**
   * Returns the number of earlier segments (rows).
   *
   * @return k of the earlier snapshot
   */
  public int earlierSegments() {
    return ke;
  }

  /**
   * Returns the number of later segments (columns).
   *
   * @return k of the later snapshot, after renaming
   */
  public int laterSegments() {
    return kl;
  }

  /**
   * Returns the name each later segment got: {@code ids[s]} for the later fit's segment {@code s}.
   *
   * @return a new array (the identity for {@link #between})
   */
  public int[] laterIdentities() {
    return laterIds.clone();
  }

  /**
   * Returns how many customers went from earlier segment {@code from} to later segment {@code to}.
   *
   * @param from an earlier segment
   * @param to a later segment (renamed)
   * @return the count
   */
  public long count(int from, int to) {
    return counts[from * kl + to];
  }

  /**
   * Returns the share of earlier segment {@code from} that went to {@code to}: the count over the
   * earlier size (lost customers included in the size).
   *
   * @param from an earlier segment
   * @param to a later segment
   * @return the share, 0 for an empty earlier segment
   */
  public double share(int from, int to) {
    long size = earlierSize(from);
    return size == 0 ? 0 : (double) count(from, to) / size;
  }

  /**
   * Returns the earlier size of a segment.
   *
   * @param segment an earlier segment
   * @return its customers in the earlier snapshot
   */
  public long earlierSize(int segment) {
    long s = lost[segment];
    for (int j = 0; j < kl; j++) {
      s += counts[segment * kl + j];
    }
    return s;
  }

  /**
   * Returns the customers of each earlier segment missing from the later snapshot.
   *
   * @return counts per earlier segment
   */
  public long[] lost() {
    return lost.clone();
  }

  /**
   * Returns the customers of each later segment missing from the earlier snapshot.
   *
   * @return counts per later segment
   */
  public long[] gained() {
    return fresh.clone();
  }

  /**
   * Returns the ids of lost customers, in the earlier snapshot's order.
   *
   * @return an unmodifiable list
   */
  public List<String> lostCustomers() {
    return java.util.Collections.unmodifiableList(lostIds);
  }

  /**
   * Returns the ids of new customers, in the later snapshot's order.
   *
   * @return an unmodifiable list
   */
  public List<String> newCustomers() {
    return java.util.Collections.unmodifiableList(newIds);
  }

  /**
   * Formats the matrix: one line per earlier segment with its size, the count and share going to
   * every later segment, and the lost; a last line with the new customers per later segment.
   *
   * @return the text, ending with a line break
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "transitions %s -> %s%n", earlier.name(), later.name()));
    sb.append(String.format(Locale.ROOT, "%-8s %8s", "from\\to", "size"));
    for (int j = 0; j < kl; j++) {
      sb.append(String.format(Locale.ROOT, " %15d", j));
    }
    sb.append(String.format(Locale.ROOT, " %15s%n", "lost"));
    for (int i = 0; i < ke; i++) {
      long size = earlierSize(i);
      sb.append(String.format(Locale.ROOT, "%-8d %8d", i, size));
      for (int j = 0; j < kl; j++) {
        sb.append(String.format(Locale.ROOT, " %7d (%4.1f%%)", count(i, j), 100 * share(i, j)));
      }
      sb.append(
          String.format(
              Locale.ROOT, " %7d (%4.1f%%)%n", lost[i], size == 0 ? 0 : 100.0 * lost[i] / size));
    }
    sb.append(String.format(Locale.ROOT, "%-8s %8d", "new", newIds.size()));
    for (int j = 0; j < kl; j++) {
      sb.append(String.format(Locale.ROOT, " %15d", fresh[j]));
    }
    return sb.append(System.lineSeparator()).toString();
  }
}
