package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The order-id interner against a hash map of strings, the reference it replaces. */
class InternerProperties {
  /** Numbers are dense, in order of first appearance, equal exactly when the strings are. */
  @Property(tries = 200)
  void numbersStringsAsAMapWould(
      @ForAll @Size(max = 60)
          List<@StringLength(max = 6) @CharRange(from = 0, to = 0xFFFF) String> strings) {
    Interner interner = new Interner();
    Map<String, Integer> reference = new HashMap<>();
    for (String s : strings) {
      int expected = reference.computeIfAbsent(s, k -> reference.size());
      assertThat(interner.intern(s)).isEqualTo(expected);
    }
    assertThat(interner.size()).isEqualTo(reference.size());
    reference.forEach((s, id) -> assertThat(interner.get(id)).isEqualTo(s));
  }

  /** Lone surrogates and ids that differ only in non-ASCII chars stay distinct. */
  @Test
  void keepsEveryCharSequenceApart() {
    Interner interner = new Interner();
    List<String> strings =
        List.of("", "a", "\uD800", "\uDC00", "\uD800\uDC00", "é", "e\u0301", "\0");
    for (int i = 0; i < strings.size(); i++) {
      assertThat(interner.intern(strings.get(i))).isEqualTo(i);
    }
    for (int i = 0; i < strings.size(); i++) {
      assertThat(interner.intern(strings.get(i))).isEqualTo(i);
      assertThat(interner.get(i)).isEqualTo(strings.get(i));
    }
  }

  /** Across many pages and table growths, and with ids as long as allowed. */
  @Test
  void holdsManyAndLongIdsAcrossPages() {
    Interner interner = new Interner();
    SplittableRandom rng = new SplittableRandom(7);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      ids.add("order-" + rng.nextInt(200_000) + (i % 1000 == 0 ? "\u20AC".repeat(5000) : ""));
    }
    String longest = "x".repeat(Interner.LONGEST);
    ids.add(longest);
    ids.add(longest);
    Map<String, Integer> reference = new HashMap<>();
    for (String s : ids) {
      int expected = reference.computeIfAbsent(s, k -> reference.size());
      assertThat(interner.intern(s)).isEqualTo(expected);
    }
    assertThat(interner.size()).isEqualTo(reference.size());
    assertThat(interner.get(reference.get(longest))).isEqualTo(longest);
    assertThatThrownBy(() -> interner.intern(longest + "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than " + Interner.LONGEST);
  }
}
