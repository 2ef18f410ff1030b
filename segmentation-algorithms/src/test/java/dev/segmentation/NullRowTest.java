package dev.segmentation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.SegmentModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19, item 11: {@code assign(null)} is a named bad-input error, not a bare NPE. */
class NullRowTest {
  @Test
  void everyModelRefusesANullRowNamingTheColumns() {
    Dataset d = GoldenTest.data(60, false);
    List<SegmentModel> models =
        List.of(
            Segmentation.kmeans().k(3).fit(d).model(),
            Segmentation.dbscan().eps(1).minPoints(3).fit(d).model(),
            Segmentation.hierarchical().k(3).fit(d).model(),
            Segmentation.som().grid(3, 2).segments(2).epochs(2).fit(d).model());
    for (SegmentModel m : models) {
      assertThatThrownBy(() -> m.assign(null))
          .as(m.getClass().getSimpleName())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("row is null")
          .hasMessageContaining("recency");
    }
  }
}
