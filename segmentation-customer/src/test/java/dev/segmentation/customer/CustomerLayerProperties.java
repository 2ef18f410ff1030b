package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Holdouts, transitions and exclusions: invariants over random customers. */
class CustomerLayerProperties {

  private static List<String> ids(SplittableRandom rng, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Long.toString(rng.nextLong(), 36) + "-" + i);
    }
    return out;
  }

  @Property(tries = 50)
  void aHoldoutFlagDependsOnlyOnTheCustomer(
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> all = ids(rng, n);
    int[] segments = new int[n];
    for (int i = 0; i < n; i++) {
      segments[i] = rng.nextInt(3);
    }
    Holdout h = Holdout.of("salt-" + seed, fraction).fraction(2, fraction / 2);
    boolean[] flags = h.flags(all, segments);
    // remove a random half and add strangers: the remaining customers keep their flags
    List<String> kept = new ArrayList<>();
    List<Integer> keptRows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (rng.nextBoolean()) {
        kept.add(all.get(i));
        keptRows.add(i);
      }
    }
    List<String> mixed = new ArrayList<>(kept);
    mixed.addAll(ids(rng, 50));
    int[] mixedSegments = new int[mixed.size()];
    for (int r = 0; r < keptRows.size(); r++) {
      mixedSegments[r] = segments[keptRows.get(r)];
    }
    boolean[] again = h.flags(mixed, mixedSegments);
    for (int r = 0; r < keptRows.size(); r++) {
      assertThat(again[r]).isEqualTo(flags[keptRows.get(r)]);
    }
    assertThat(Holdout.of("salt-" + seed, fraction).isHeldOut(all.get(0), 0))
        .isEqualTo(h.isHeldOut(all.get(0), 0));
  }

  @Property(tries = 20)
  void theHoldoutShareIsTheFractionWithinSamplingError(
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 20_000;
    List<String> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // sequential ids are the hard case for a weak hash
      all.add(String.format("%08d", i + rng.nextInt(1000) * 100_000));
    }
    int[] segments = new int[n];
    double[] frac = {fraction, fraction / 3};
    Holdout h = Holdout.of("s" + seed, fraction).fraction(1, frac[1]);
    for (int i = 0; i < n; i++) {
      segments[i] = i % 2;
    }
    boolean[] flags = h.flags(all, segments);
    for (int s = 0; s < 2; s++) {
      int held = 0;
      for (int i = s; i < n; i += 2) {
        held += flags[i] ? 1 : 0;
      }
      double share = held / (n / 2.0);
      double sd = Math.sqrt(frac[s] * (1 - frac[s]) / (n / 2.0));
      assertThat(share).isCloseTo(frac[s], org.assertj.core.data.Offset.offset(5 * sd + 1e-9));
    }
  }

  @Property(tries = 100)
  void transitionRowsAddUpToTheEarlierSegments(
      @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll boolean align,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> all = ids(rng, n + 40);
    List<String> earlierIds = new ArrayList<>();
    List<String> laterIds = new ArrayList<>();
    List<Integer> e = new ArrayList<>();
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      int where = rng.nextInt(4);
      if (where != 0) {
        earlierIds.add(all.get(i));
        e.add(rng.nextInt(k));
      }
      if (where != 1) {
        laterIds.add(all.get(i));
        l.add(rng.nextInt(k));
      }
    }
    Snapshot a = Snapshot.of(LocalDate.of(2025, 1, 1), earlierIds, ints(e));
    Snapshot b = Snapshot.of(LocalDate.of(2025, 7, 1), laterIds, ints(l));
    Transitions t = align ? Transitions.aligned(a, b) : Transitions.between(a, b);
    long[] sizes = new long[a.numSegments()];
    for (int s : e) {
      sizes[s]++;
    }
    long moved = 0;
    for (int i = 0; i < t.earlierSegments(); i++) {
      long row = t.lost()[i];
      double shares = 0;
      for (int j = 0; j < t.laterSegments(); j++) {
        row += t.count(i, j);
        moved += t.count(i, j);
        shares += t.share(i, j);
      }
      assertThat(row).isEqualTo(sizes[i]).isEqualTo(t.earlierSize(i));
      if (sizes[i] > 0) {
        assertThat(shares + (double) t.lost()[i] / sizes[i])
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    long gained = 0;
    for (long g : t.gained()) {
      gained += g;
    }
    assertThat(gained).isEqualTo(t.newCustomers().size());
    assertThat(moved + gained).isEqualTo(b.size());
    assertThat(t.lostCustomers()).hasSize((int) (a.size() - moved));
    assertThat(t.toText().lines().count()).isEqualTo(t.earlierSegments() + 3);
  }

  @Property(tries = 100)
  void alignedTransitionsUndoARenumbering(
      @ForAll @IntRange(min = 2, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> all = ids(rng, n);
    int[] e = new int[n];
    for (int i = 0; i < n; i++) {
      e[i] = i < k ? i : rng.nextInt(k);
    }
    int[] perm = new int[k];
    for (int i = 0; i < k; i++) {
      perm[i] = (i + 1) % k;
    }
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = perm[e[i]];
    }
    Transitions t =
        Transitions.aligned(Snapshot.of(LocalDate.MIN, all, e), Snapshot.of(LocalDate.MAX, all, l));
    for (int i = 0; i < t.earlierSegments(); i++) {
      for (int j = 0; j < t.laterSegments(); j++) {
        assertThat(t.count(i, j)).isEqualTo(i == j ? t.earlierSize(i) : 0);
      }
    }
  }

  private static int[] ints(List<Integer> v) {
    return v.stream().mapToInt(Integer::intValue).toArray();
  }
}
