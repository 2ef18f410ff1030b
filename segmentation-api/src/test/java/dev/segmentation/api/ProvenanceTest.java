package dev.segmentation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
  private static final FitSummary SUMMARY =
      new FitSummary(
          "k-means (LLOYD)", 3, true, 1.5, 10, Duration.ofMillis(2), new double[] {2, 1.5});

  private static Provenance of(Long seed, Map<String, String> options) {
    return new Provenance(
        "k-means", options, seed, "1.2.3", 4, List.of("a", "b"), SUMMARY, Instant.EPOCH);
  }

  @Test
  void keepsWhatItIsGivenInOrderAndCopied() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("k", "3");
    options.put("preprocess", "standard");
    Provenance p = of(7L, options);
    options.put("k", "99");
    assertThat(p.options())
        .containsExactly(Map.entry("k", "3"), Map.entry("preprocess", "standard"));
    assertThat(p.seed()).hasValue(7);
    assertThat(p.algorithm()).isEqualTo("k-means");
    assertThat(p.libraryVersion()).isEqualTo("1.2.3");
    assertThat(p.rows()).isEqualTo(4);
    assertThat(p.columns()).containsExactly("a", "b");
    assertThat(p.summary()).isEqualTo(SUMMARY);
    assertThat(p.created()).isEqualTo(Instant.EPOCH);
    assertThat(p.toString()).contains("k-means", "seed 7", "4 rows", "library 1.2.3");
    assertThat(of(null, Map.of()).seed()).isEmpty();
    assertThat(of(null, Map.of()).toString()).doesNotContain("seed");
  }

  @Test
  void equalWhenEveryPartIsEqual() {
    assertThat(of(7L, Map.of("k", "3"))).isEqualTo(of(7L, Map.of("k", "3")));
    assertThat(of(7L, Map.of("k", "3")).hashCode()).isEqualTo(of(7L, Map.of("k", "3")).hashCode());
    assertThat(of(7L, Map.of("k", "3"))).isNotEqualTo(of(8L, Map.of("k", "3")));
    assertThat(of(7L, Map.of("k", "3"))).isNotEqualTo(of(7L, Map.of("k", "4")));
    assertThat(of(7L, Map.of())).isNotEqualTo("k-means");
  }

  @Test
  void refusesNegativeRowsAndMissingParts() {
    assertThatThrownBy(
            () -> new Provenance("x", Map.of(), null, "1", -1, List.of(), SUMMARY, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows");
    assertThatThrownBy(
            () -> new Provenance(null, Map.of(), null, "1", 1, List.of(), SUMMARY, Instant.EPOCH))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theLibraryVersionIsTheBuiltOne() {
    assertThat(Provenance.LIBRARY_VERSION)
        .isNotBlank()
        .doesNotContain("${")
        .isNotEqualTo("unknown");
  }
}
