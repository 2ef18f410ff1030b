package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.MixedDataset;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Issue 24: category shares, the number of categories and the favourite category. */
class CategoryFeaturesTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

  private static TransactionLog.Builder line(
      TransactionLog.Builder b, String id, int day, double v, String category, boolean returned) {
    return b.add(id, DAY.plusDays(day), v, Double.NaN, null, category, 0, returned);
  }

  @Test
  void sharesCountsAndTheFavouriteOfEachCustomer() {
    TransactionLog.Builder b = TransactionLog.builder();
    line(b, "a", 0, 30, "books", false);
    line(b, "a", 1, 10, "music", false);
    line(b, "a", 2, 60, "books", false);
    line(b, "b", 0, 20, "music", false);
    line(b, "b", 1, 20, "games", false); // a tie: the smaller name wins
    line(b, "c", 0, 15, "", false); // blank: no category
    line(b, "d", 0, 40, "books", false);
    line(b, "d", 1, -40, "books", true); // a return does not count as spend on the category
    line(b, "d", 2, 5, "music", false);
    TransactionLog log = b.build();
    CustomerTable t = CustomerFeatures.asOf(DAY.plusDays(10)).compute(log);
    Dataset d = t.dataset();
    assertThat(d.columnNames())
        .contains("distinct_categories")
        .contains("category_share_books", "category_share_music", "category_share_games")
        .doesNotContain("category_share_", "category_share_other");
    int books = d.columnIndex("category_share_books");
    int music = d.columnIndex("category_share_music");
    int games = d.columnIndex("category_share_games");
    int count = d.columnIndex("distinct_categories");
    assertThat(d.get(0, books)).isCloseTo(0.9, Offset.offset(1e-12));
    assertThat(d.get(0, music)).isCloseTo(0.1, Offset.offset(1e-12));
    assertThat(d.get(0, count)).isEqualTo(2);
    assertThat(d.get(1, music)).isEqualTo(0.5);
    assertThat(d.get(1, games)).isEqualTo(0.5);
    assertThat(d.get(2, count)).isZero();
    assertThat(d.get(2, books) + d.get(2, music) + d.get(2, games)).isZero();
    assertThat(t.favouriteCategories().orElseThrow())
        .containsExactly("books", "games", CustomerFeatures.NO_CATEGORY, "books");
    MixedDataset m = t.mixed();
    assertThat(m.categoricalNames()).containsExactly(CustomerTable.FAVOURITE_CATEGORY);
    assertThat(m.level(1, 0)).isEqualTo("games");
    assertThat(m.numNumeric()).isEqualTo(d.numColumns());
    // and a builder can leave them out
    assertThat(
            CustomerFeatures.asOf(DAY.plusDays(10))
                .categories(false)
                .compute(log)
                .dataset()
                .columnNames())
        .doesNotContain("distinct_categories");
  }

  @Property(tries = 50)
  void sharesSumToOneAndManyCategoriesShareAnOtherColumn(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int categories,
      @ForAll @IntRange(min = 2, max = 60) int customers) {
    Random r = new Random(seed);
    TransactionLog.Builder b = TransactionLog.builder();
    for (int c = 0; c < customers; c++) {
      int lines = 1 + r.nextInt(6);
      for (int l = 0; l < lines; l++) {
        line(b, "c" + c, r.nextInt(30), 1 + r.nextInt(50), "k" + r.nextInt(categories), false);
      }
    }
    CustomerTable t =
        CustomerFeatures.asOf(DAY.plusDays(40)).optOut(Set.of("c0")).compute(b.build());
    Dataset d = t.dataset();
    List<String> shares =
        d.columnNames().stream().filter(n -> n.startsWith("category_share_")).toList();
    int seen = (int) t.favouriteCategories().orElseThrow().stream().distinct().count();
    assertThat(shares.size()).isLessThanOrEqualTo(CustomerFeatures.MAX_CATEGORY_SHARES + 1);
    assertThat(shares.contains("category_share_other"))
        .isEqualTo(shares.size() > CustomerFeatures.MAX_CATEGORY_SHARES);
    assertThat(seen).isPositive();
    for (int i = 0; i < d.numRows(); i++) {
      double sum = 0;
      for (String s : shares) {
        sum += d.get(i, d.columnIndex(s));
      }
      assertThat(sum).isCloseTo(1, Offset.offset(1e-9));
      String favourite = t.favouriteCategories().orElseThrow().get(i);
      String column = "category_share_" + favourite;
      if (shares.contains(column)) {
        // the favourite holds the largest share of any named category
        for (String s : shares) {
          if (!s.equals("category_share_other")) {
            assertThat(d.get(i, d.columnIndex(column)))
                .isGreaterThanOrEqualTo(d.get(i, d.columnIndex(s)));
          }
        }
      }
    }
    assertThat(t.customerIds()).doesNotContain("c0");
  }
}
