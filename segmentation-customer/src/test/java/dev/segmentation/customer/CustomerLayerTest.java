package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshots, transitions, exclusions and holdouts on small hand-made cases. */
class CustomerLayerTest {
  private static final LocalDate DEC = LocalDate.of(1997, 12, 31);
  private static final LocalDate JUN = LocalDate.of(1998, 6, 30);

  @Test
  void transitionsByHand() {
    Snapshot dec = Snapshot.of(DEC, List.of("a", "b", "c", "d"), new int[] {0, 0, 1, 1});
    Snapshot jun = Snapshot.of(JUN, List.of("a", "b", "c", "e"), new int[] {0, 1, 1, 0});
    Transitions t = Transitions.between(dec, jun);
    assertThat(t.count(0, 0)).isEqualTo(1);
    assertThat(t.count(0, 1)).isEqualTo(1);
    assertThat(t.count(1, 1)).isEqualTo(1);
    assertThat(t.count(1, 0)).isZero();
    assertThat(t.lost()).containsExactly(0, 1);
    assertThat(t.gained()).containsExactly(1, 0);
    assertThat(t.share(0, 1)).isEqualTo(0.5);
    assertThat(t.lostCustomers()).containsExactly("d");
    assertThat(t.newCustomers()).containsExactly("e");
    assertThat(t.laterIdentities()).containsExactly(0, 1);
    assertThat(t.toText())
        .startsWith("transitions 1997-12-31 -> 1998-06-30")
        .contains("      1 (50.0%)");
    // a refit that numbered its segments the other way round is renamed before counting
    Snapshot swapped = Snapshot.of(JUN, List.of("a", "b", "c", "e"), new int[] {1, 0, 0, 1});
    Transitions aligned = Transitions.aligned(dec, swapped);
    assertThat(aligned.laterIdentities()).containsExactly(1, 0);
    assertThat(aligned.count(0, 0)).isEqualTo(1);
    assertThat(aligned.count(1, 1)).isEqualTo(1);
  }

  @Test
  void snapshotsRejectRepeatsNegativeSegmentsAndUnknownCustomers() {
    assertThatThrownBy(() -> Snapshot.of(DEC, List.of("a", "a"), new int[] {0, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("customer 'a' appears twice");
    assertThatThrownBy(() -> Snapshot.of(DEC, List.of("a"), new int[] {-1}))
        .hasMessageContaining("customer 'a' has segment -1");
    assertThatThrownBy(() -> Snapshot.of(DEC, List.of("a"), new int[] {0, 1}))
        .hasMessageContaining("1 customer ids for 2 segments");
    Snapshot s = Snapshot.of(DEC, List.of("a", "x", "y"), new int[] {0, 1, 1});
    assertThatThrownBy(() -> s.requireKnown(List.of("a", "b")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("customer 'x' is not a known customer (2 unknown in all)");
    assertThat(s.requireKnown(Set.of("a", "x", "y"))).isSameAs(s);
    assertThat(s.segmentOf("nobody")).isEqualTo(-1);
    assertThat(s.date()).contains(DEC);
    assertThat(Snapshot.named("june.csv", List.of("a"), new int[] {0}).name())
        .isEqualTo("june.csv");
    assertThat(Snapshot.named("june.csv", List.of("a"), new int[] {0}).date()).isEmpty();
  }

  private static Dataset customers() {
    return Dataset.of(new double[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}}, "f", "m")
        .withRowIds(List.of("a", "b", "a", "c"));
  }

  @Test
  void exclusionsRemoveOptedOutCustomersAndApplyTheDuplicatePolicy() {
    assertThatThrownBy(() -> Exclusions.optOut(List.of()).apply(customers()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("customer id 'a' appears in rows 0 and 2");
    Exclusions.Result first =
        Exclusions.optOut(List.of("c", "zz"))
            .duplicates(DuplicatePolicy.KEEP_FIRST)
            .apply(customers());
    assertThat(first.data().rowIds().orElseThrow()).containsExactly("a", "b");
    assertThat(first.data().toRowMajor()).containsExactly(1, 10, 2, 20);
    assertThat(first.optedOut()).isEqualTo(1);
    assertThat(first.duplicates()).isEqualTo(1);
    assertThat(first.optedOutIds()).containsExactly("c");
    Exclusions.Result last =
        Exclusions.optOut(List.of()).duplicates(DuplicatePolicy.KEEP_LAST).apply(customers());
    assertThat(last.data().toRowMajor()).containsExactly(3, 30, 2, 20, 4, 40);
    Exclusions.Result merged =
        Exclusions.optOut(List.of())
            .duplicates(DuplicatePolicy.MERGE_MEAN)
            .apply(customers().withWeights(new double[] {1, 2, 3, 4}));
    assertThat(merged.data().toRowMajor()).containsExactly(2, 20, 2, 20, 4, 40);
    assertThat(merged.data().weights().orElseThrow()).containsExactly(1, 2, 4);
    assertThatThrownBy(
            () -> Exclusions.optOut(List.of()).apply(Dataset.of(new double[][] {{1}}, "f")))
        .hasMessageContaining("no customer ids");
  }

  @Test
  void anOptOutColumnRemovesItsRowsAndItself() {
    Dataset table =
        Dataset.of(new double[][] {{1, 0}, {2, 1}, {3, 0}}, "f", "opted_out")
            .withRowIds(List.of("a", "b", "c"));
    Exclusions.Result r = Exclusions.optOutColumn("opted_out").apply(table);
    assertThat(r.data().columnNames()).containsExactly("f");
    assertThat(r.data().rowIds().orElseThrow()).containsExactly("a", "c");
    assertThat(r.optedOut()).isEqualTo(1);
    assertThat(r.optedOutIds()).containsExactly("b");
    assertThatThrownBy(() -> Exclusions.optOutColumn("consent").apply(table))
        .hasMessageContaining("no opt-out column 'consent'");
  }

  @Test
  void holdoutValuesAreFixedAndOptionsChecked() {
    Holdout h = Holdout.of("campaign", 0.1);
    // the hash is part of the contract (flags must survive upgrades): a recorded value
    assertThat(h.position("00001")).isEqualTo(0.10610794002674928);
    assertThat(h.isHeldOut("00001", 0)).isFalse();
    assertThat(h.position("00001")).isEqualTo(Holdout.of("campaign", 0.9).position("00001"));
    assertThat(h.position("00001")).isNotEqualTo(Holdout.of("other", 0.1).position("00001"));
    assertThat(h.position("00001")).isBetween(0.0, 1.0);
    assertThat(h.fractionOf(3)).isEqualTo(0.1);
    assertThat(h.fraction(3, 0.5).fractionOf(3)).isEqualTo(0.5);
    assertThat(h.fraction(3, 0.5).fractionOf(1)).isEqualTo(0.1);
    assertThat(h.fraction(3, 0.5).fractionOf(-1)).isEqualTo(0.1);
    assertThat(Holdout.of("s", 1).isHeldOut("x", 0)).isTrue();
    assertThat(Holdout.of("s", 0).isHeldOut("x", 0)).isFalse();
    assertThatThrownBy(() -> Holdout.of("s", 1.5)).isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> h.fraction(-1, 0.2)).hasMessageContaining("option segment");
    assertThatThrownBy(() -> h.flags(List.of("a"), new int[2]))
        .hasMessageContaining("1 ids for 2 segment labels");
    assertThat(h.toString()).isEqualTo("Holdout[salt=campaign, fraction=0.1]");
  }
}
