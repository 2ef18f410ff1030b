package dev.segmentation.customer;

import dev.segmentation.api.InvalidDataException;
import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Which segment every customer was in on one date: the input of {@link Transitions}. Immutable. */
public final class Snapshot {
  private final String name;
  private final LocalDate date;
  private final Object2IntLinkedOpenHashMap<String> segmentOf;

  private Snapshot(String name, LocalDate date, Object2IntLinkedOpenHashMap<String> segmentOf) {
    this.name = name;
    this.date = date;
    this.segmentOf = segmentOf;
  }

  /**
   * Creates a snapshot.
   *
   * @param date the date the segments hold for
   * @param customerIds one id per customer, no repeats
   * @param segments the segment of every customer, {@code >= 0}
   * @return the snapshot
   * @throws InvalidDataException if an id is repeated or null, or a segment is negative (naming the
   *     customer), or the lengths differ
   */
  public static Snapshot of(LocalDate date, List<String> customerIds, int[] segments) {
    return build(date.toString(), Objects.requireNonNull(date, "date"), customerIds, segments);
  }

  /**
   * Creates a snapshot known by a name rather than a date (for example a file name).
   *
   * @param name how messages and tables call the snapshot
   * @param customerIds one id per customer, no repeats
   * @param segments the segment of every customer, {@code >= 0}
   * @return the snapshot, without a date
   * @throws InvalidDataException as {@link #of(LocalDate, List, int[])}
   */
  public static Snapshot named(String name, List<String> customerIds, int[] segments) {
    return build(Objects.requireNonNull(name, "name"), null, customerIds, segments);
  }

  private static Snapshot build(
      String date, LocalDate when, List<String> customerIds, int[] segments) {
    if (customerIds.size() != segments.length) {
      throw new InvalidDataException(
          customerIds.size() + " customer ids for " + segments.length + " segments");
    }
    Object2IntLinkedOpenHashMap<String> map = new Object2IntLinkedOpenHashMap<>();
    map.defaultReturnValue(-1);
    for (int i = 0; i < segments.length; i++) {
      String id = customerIds.get(i);
      if (id == null) {
        throw new InvalidDataException("snapshot of " + date + ", row " + i + ": the id is null");
      }
      if (segments[i] < 0) {
        throw new InvalidDataException(
            "snapshot of "
                + date
                + ": customer '"
                + id
                + "' has segment "
                + segments[i]
                + "; only segments >= 0 can be compared (leave noise rows out)");
      }
      if (map.put(id, segments[i]) >= 0) {
        throw new InvalidDataException(
            "snapshot of " + date + ": customer '" + id + "' appears twice; give each once");
      }
    }
    return new Snapshot(date, when, map);
  }

  /**
   * Checks that every customer of the snapshot is known, for example is a row of the customer table
   * the segments were computed for.
   *
   * @param known the ids that may appear
   * @return this snapshot
   * @throws InvalidDataException naming the first id that is not known and how many are not
   */
  public Snapshot requireKnown(Collection<String> known) {
    java.util.Set<String> set =
        known instanceof java.util.Set<String> s ? s : new java.util.HashSet<>(known);
    String first = null;
    int unknown = 0;
    for (String id : segmentOf.keySet()) {
      if (!set.contains(id)) {
        unknown++;
        first = first == null ? id : first;
      }
    }
    if (unknown > 0) {
      throw new InvalidDataException(
          "snapshot of "
              + name
              + ": customer '"
              + first
              + "' is not a known customer ("
              + unknown
              + " unknown in all); check that both files use the same ids");
    }
    return this;
  }

  /**
   * Returns the date the segments hold for.
   *
   * @return the date, empty for a {@link #named} snapshot
   */
  public java.util.Optional<LocalDate> date() {
    return java.util.Optional.ofNullable(date);
  }

  /**
   * Returns the name: the date, or the name given to {@link #named}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the number of customers.
   *
   * @return the size
   */
  public int size() {
    return segmentOf.size();
  }

  /**
   * Returns a customer's segment.
   *
   * @param customerId the id
   * @return the segment, or -1 if the customer is not in the snapshot
   */
  public int segmentOf(String customerId) {
    return segmentOf.getInt(customerId);
  }

  /**
   * Returns the customer ids, in the order given.
   *
   * @return an unmodifiable view
   */
  public Collection<String> customerIds() {
    return java.util.Collections.unmodifiableSet(segmentOf.keySet());
  }

  /**
   * Returns the number of segments: one more than the largest label.
   *
   * @return k
   */
  public int numSegments() {
    int k = 0;
    for (int s : segmentOf.values()) {
      k = Math.max(k, s + 1);
    }
    return k;
  }
}
