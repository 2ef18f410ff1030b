package dev.segmentation.customer.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.TransactionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary by hand, the holdout split, and the bad summaries named. */
class CalibrationSummaryTest {
  @TempDir Path dir;

  static final LocalDate D0 = LocalDate.of(2025, 1, 1);

  static TransactionLog log() {
    return TransactionLog.builder()
        // A: first on day 0, repeats on days 7 (two lines: one purchase) and 21, one in holdout
        .add("A", D0, 10)
        .add("A", D0.plusDays(7), 20)
        .add("A", D0.plusDays(7), 5)
        .add("A", D0.plusDays(21), 30)
        .add("A", D0.plusDays(40), 50)
        // B: one purchase on day 14 and a refund, nothing else
        .add("B", D0.plusDays(14), 8)
        .add("B", D0.plusDays(15), -8)
        // C: first bought in the holdout: not in the cohort
        .add("C", D0.plusDays(30), 12)
        // D: opted out
        .add("D", D0.plusDays(3), 99)
        .build();
  }

  @Test
  void summarisesALogWithAHoldout() {
    CalibrationSummary s =
        CalibrationSummary.until(D0.plusDays(27))
            .scale(TimeScale.WEEKS)
            .holdoutUntil(D0.plusDays(48))
            .optOut(List.of("D"))
            .compute(log());
    assertThat(s.customerIds()).containsExactly("A", "B");
    assertThat(s.frequency(0)).isEqualTo(2);
    assertThat(s.recency(0)).isCloseTo(3, offset(1e-12));
    assertThat(s.age(0)).isCloseTo(27 / 7.0, offset(1e-12));
    assertThat(s.meanValue(0)).isCloseTo((25 + 30) / 2.0, offset(1e-12));
    assertThat(s.holdoutPurchases(0)).isEqualTo(1);
    assertThat(s.holdoutValue(0)).isEqualTo(50);
    assertThat(s.frequency(1)).isZero();
    assertThat(s.recency(1)).isZero();
    assertThat(s.age(1)).isCloseTo(13 / 7.0, offset(1e-12));
    assertThat(s.meanValue(1)).isZero();
    assertThat(s.holdoutPurchases(1)).isZero();
    assertThat(s.holdoutLength()).isCloseTo(3, offset(1e-12));
    assertThat(s.cohortStart()).isEqualTo(D0);
    // repeat purchases per week from the cohort's first day: weeks 1, 3 and 5 (holdout)
    assertThat(s.repeatPurchasesByPeriod()).containsExactly(0, 1, 0, 1, 0, 1, 0);
    assertThat(s.birth(1)).isCloseTo(2, offset(1e-12));

    CalibrationSummary days =
        CalibrationSummary.until(D0.plusDays(27)).scale(TimeScale.DAYS).compute(log());
    assertThat(days.customerIds()).containsExactly("A", "B", "D");
    assertThat(days.recency(0)).isEqualTo(21);
    assertThat(days.hasHoldout()).isFalse();
    assertThatThrownBy(() -> days.holdoutPurchases(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CalibrationSummary.until(D0).holdoutUntil(D0))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("after the calibration end");
    assertThatThrownBy(() -> CalibrationSummary.until(D0.minusDays(1)).compute(log()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no customer made a first purchase");
  }

  @Test
  void badSummariesNameTheCustomer() throws IOException {
    String[][] cases = {
      {"-1,0,5", "-1.0 is not a count"},
      {"1.5,2,5", "1.5 is not a count"},
      {"1,6,5", "t_x = 6.0 is after T = 5.0"},
      {"2,0,5", "repeat purchases but t_x = 0"},
      {"0,3,5", "no repeat purchase (x = 0) but t_x = 3.0"},
      {"1,-2,5", "t_x = -2.0 must be"},
      {"1,2,-5", "T = -5.0 must be"},
    };
    for (String[] c : cases) {
      String[] v = c[0].split(",", -1);
      if (!v[0].contains(".")) {
        assertThatThrownBy(
                () ->
                    CalibrationSummary.of(
                        List.of("ok", "bad"),
                        new int[] {0, (int) Double.parseDouble(v[0])},
                        new double[] {0, Double.parseDouble(v[1])},
                        new double[] {3, Double.parseDouble(v[2])},
                        null,
                        TimeScale.WEEKS))
            .as(c[0])
            .isInstanceOf(InvalidDataException.class)
            .hasMessageContaining("customer 'bad'");
      }
      Path f = dir.resolve("s.csv");
      Files.writeString(f, "id,x,tx,T\nok,0,0,3\nbad," + c[0] + "\n");
      assertThatThrownBy(
              () -> CalibrationSummary.read(f, "id", "x", "tx", "T", null, TimeScale.WEEKS))
          .as(c[0])
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining(c[1])
          .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("customer 'bad'", "line 3"));
    }
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "id,x,tx,T\n");
    assertThatThrownBy(
            () -> CalibrationSummary.read(empty, "id", "x", "tx", "T", null, TimeScale.WEEKS))
        .hasMessageContaining("no customers");
    assertThatThrownBy(
            () -> CalibrationSummary.read(empty, "id", "x", "recency", "T", null, TimeScale.WEEKS))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("recency");
    Path twice = dir.resolve("twice.csv");
    Files.writeString(twice, "id,x,tx,T\na,0,0,3\na,1,1,3\n");
    assertThatThrownBy(
            () -> CalibrationSummary.read(twice, "id", "x", "tx", "T", null, TimeScale.WEEKS))
        .hasMessageContaining("customer 'a' appears twice");
    assertThatThrownBy(
            () ->
                GammaGamma.fit(
                    CalibrationSummary.of(
                        List.of("a", "b"),
                        new int[] {1, 0},
                        new double[] {1, 0},
                        new double[] {3, 3},
                        new double[] {-3, 0},
                        TimeScale.WEEKS)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("customer 'a': mean repeat value -3.0 is not a number >= 0");
    CalibrationSummary free =
        CalibrationSummary.of(
            List.of("a", "b", "c", "d"),
            new int[] {1, 2, 3, 1},
            new double[] {1, 2, 3, 1},
            new double[] {3, 3, 3, 3},
            new double[] {0, 10, 30, 20},
            TimeScale.WEEKS);
    GammaGamma g = GammaGamma.fit(free);
    assertThat(g.leftOut()).isEqualTo(1);
    assertThat(g.report().customers()).isEqualTo(3);
  }
}
