package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features by hand, the reader, bad input, and the bundled CDNOW log. */
class CustomerFeaturesTest {
  @TempDir Path dir;

  private static final String HEADER = "customer_id,date,amount,qty,order,discount,returned\n";

  private static final String LOG =
      HEADER
          + """
          A,2025-01-01,60,1,o1,10,0
          A,2025-01-01,40,2,o1,0,0
          A,2025-01-11,50,1,o2,0,0
          A,2025-01-31,30,1,o3,0,0
          A,2025-01-31,-20,1,o3,0,0
          B,2024-06-01,20,1,o4,0,no
          C,2025-01-05,15,1,o5,0,yes
          D,2025-03-01,99,1,o6,0,0
          """;

  private TransactionLog read(String text) throws IOException {
    Path p = dir.resolve("log.csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return TransactionReader.csv()
        .quantity("qty")
        .order("order")
        .discount("discount")
        .returned("returned")
        .read(p);
  }

  /**
   * Issue 19, item 3: a blank order id is no order id, not one order shared by every blank line.
   */
  @Test
  void blankOrderIdsFallBackToOnePurchasePerCustomerDay() throws IOException {
    String log =
        HEADER
            + """
            A,2025-01-01,10,1,,0,0
            A,2025-01-01,5,1,,0,0
            A,2025-01-05,20,1,,0,0
            A,2025-01-09,30,1,o1,0,0
            A,2025-01-09,40,1,o2,0,0
            B,2025-01-02,7,1,  ,0,0
            B,2025-01-03,8,1,\t,0,0
            """;
    Dataset d = CustomerFeatures.asOf(LocalDate.of(2025, 2, 1)).compute(read(log)).dataset();
    int frequency = d.columnIndex("frequency");
    // A: Jan 1 (two blank lines, one day), Jan 5, and the two orders of Jan 9
    assertThat(d.get(0, frequency)).isEqualTo(4);
    // B: blank and whitespace-only ids on two days are two purchases
    assertThat(d.get(1, frequency)).isEqualTo(2);
  }

  /**
   * Issue 19, item 4: four purchases summing to 49.88 and one purchase of 49.88 are the same
   * monetary total, whatever the rounding of the sum, and get the same score.
   */
  @Test
  void equalMoneyGetsEqualScoresAndRanksGiveAFifthEach() throws IOException {
    StringBuilder log = new StringBuilder(HEADER);
    // four purchases whose double sum is 49.879999999999995, not 49.88
    log.append("S,2025-01-01,11.97,1,,0,0\nS,2025-01-02,11.97,1,,0,0\n");
    log.append("S,2025-01-03,12.99,1,,0,0\nS,2025-01-04,12.95,1,,0,0\n");
    log.append("O,2025-01-05,49.88,1,,0,0\n");
    for (int i = 0; i < 8; i++) {
      log.append("C").append(i).append(",2025-01-0").append(1 + i % 9).append(',');
      log.append(40 + 20 * i).append(",1,,0,0\n");
    }
    TransactionLog t = read(log.toString());
    double sum = 11.97 + 11.97 + 12.99 + 12.95;
    assertThat(sum).isNotEqualTo(49.88);
    Dataset ties = CustomerFeatures.asOf(LocalDate.of(2025, 2, 1)).compute(t).dataset();
    int m = ties.columnIndex("m_score");
    // one customer (40) below both: compared exactly, S would score 1 and O 2
    assertThat(ties.get(0, m)).isEqualTo(ties.get(1, m)).isEqualTo(1);
    Dataset ranks =
        CustomerFeatures.asOf(LocalDate.of(2025, 2, 1))
            .scores(ScoreRule.RANKS)
            .compute(t)
            .dataset();
    int[] perScore = new int[6];
    for (int r = 0; r < ranks.numRows(); r++) {
      perScore[(int) ranks.get(r, ranks.columnIndex("m_score"))]++;
    }
    // ten customers, ranks 1..10 cut at 1 + 9k/5: two per score, as pandas' qcut on the ranks
    // gives ([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], checked with pandas 1.5)
    assertThat(perScore).containsExactly(0, 2, 2, 2, 2, 2);
    // ties by rank go in order of appearance: S (first) gets the lower of the two scores
    assertThat(ranks.get(0, ranks.columnIndex("m_score")))
        .isLessThanOrEqualTo(ranks.get(1, ranks.columnIndex("m_score")));
  }

  @Test
  void featuresByHand() throws IOException {
    CustomerTable t = CustomerFeatures.asOf(LocalDate.of(2025, 2, 10)).compute(read(LOG));
    Dataset data = t.dataset();
    assertThat(t.customerIds()).containsExactly("A", "B");
    double[] a = data.row(0);
    // purchases Jan 1 (100), Jan 11 (50), Jan 31 (30; the -20 line is a refund)
    assertThat(a)
        .containsExactly(
            new double[] {
              10,
              3,
              160,
              60,
              40,
              15,
              5.0 / 15,
              Math.sqrt(2600.0 / 3) / 60,
              10.0 / 190,
              20.0 / 180,
              // margin rate: (G - R - C) / (G + D) = (180 - 20 - 0) / 190
              160.0 / 190,
              150.0 / 180,
              3,
              3,
              3
            },
            offset(1e-12));
    assertThat(data.row(1))
        .containsExactly(
            new double[] {254, 1, 20, 20, 254, 254, 0, 0, 0, 0, 1, 1, 1, 1, 1}, offset(1e-12));
    assertThat(t.states()).containsExactly(BusinessState.NEW, BusinessState.LAPSING);
    assertThat(t.stateCounts()).containsExactly(1, 0, 1, 0);
    assertThat(t.linesUsed()).isEqualTo(7);
    assertThat(t.linesAfterAsOf()).isEqualTo(1);
    // C only returned something, D only bought after the as-of date
    assertThat(t.customersWithoutPurchase()).isEqualTo(2);
    assertThat(t.summary())
        .contains("2 customers as of 2025-02-10 from 7 lines")
        .contains("1 lines after the as-of date")
        .contains("2 customers without a purchase");
    assertThat(t.asOf()).isEqualTo(LocalDate.of(2025, 2, 10));
    assertThat(t.numCustomers()).isEqualTo(2);
  }

  /**
   * Issue 21: the margin rate keeps what is left of the list price after returns, discounts and the
   * cost of goods; a returned line's cost is not given back; a negative cost names its line.
   */
  @Test
  void marginRateWithACostColumn() throws IOException {
    Path p = dir.resolve("costs.csv");
    Files.writeString(
        p,
        """
        customer_id,date,amount,discount,cost,returned
        A,2025-01-01,100,20,70,0
        A,2025-01-05,50,0,,0
        A,2025-01-09,-40,0,30,1
        B,2025-01-02,10,0,2,0
        """,
        StandardCharsets.UTF_8);
    TransactionReader reader = TransactionReader.csv().discount("discount").cost("cost");
    TransactionLog log = reader.returned("returned").read(p);
    assertThat(log.costOf(0)).isEqualTo(70);
    assertThat(log.costOf(1)).isZero();
    Dataset d =
        CustomerFeatures.asOf(LocalDate.of(2025, 2, 1))
            .features(Feature.MARGIN_RATE, Feature.RETURN_RATE)
            .compute(log)
            .dataset();
    // A: G = 150, R = 40, D = 20, C = 70 (the returned line's 30 is not subtracted)
    int margin = d.columnIndex("margin_rate");
    assertThat(d.get(0, margin)).isCloseTo((150.0 - 40 - 70) / 170, offset(1e-12));
    assertThat(d.get(1, margin)).isCloseTo(8.0 / 10, offset(1e-12));
    Files.writeString(
        p, "customer_id,date,amount,cost\nA,2025-01-01,10,-3\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TransactionReader.csv().cost("cost").read(p))
        .hasMessageContaining("line 2")
        .hasMessageContaining("cost -3.0 must be a finite number >= 0");
  }

  @Test
  void chosenFeaturesStatesAndOptOut() throws IOException {
    CustomerTable t =
        CustomerFeatures.asOf(LocalDate.of(2025, 2, 10))
            .features(Feature.STATE, Feature.FREQUENCY, Feature.RECENCY)
            .states(30, 30, 200)
            .optOut(List.of("A", "nobody"))
            .compute(read(LOG));
    assertThat(t.dataset().columnNames()).containsExactly("recency_days", "frequency", "state");
    assertThat(t.customerIds()).containsExactly("B");
    assertThat(t.states()).containsExactly(BusinessState.CHURNED);
    assertThat(t.dataset().get(0, 2)).isEqualTo(BusinessState.CHURNED.code());
    assertThat(t.optedOutCustomers()).isEqualTo(1);
    assertThat(t.optedOutLines()).isEqualTo(5);
    assertThatThrownBy(() -> CustomerFeatures.asOf(LocalDate.MIN).features())
        .isInstanceOf(InvalidOptionException.class);
    assertThatThrownBy(() -> CustomerFeatures.asOf(LocalDate.MIN).states(10, 100, 50))
        .hasMessageContaining("option states");
  }

  /**
   * Issue 19, items 6 and 9: ids are not trimmed (" A" is not "A"), columns that start later are
   * filled back, and line numbers stay right across blank lines and quoted line breaks though the
   * log keeps them only where they jump.
   */
  @Test
  void keepsIdsAsWrittenAndLineNumbersAcrossJumps() throws IOException {
    String text =
        """
        customer_id,date,amount,qty,order,note
        A,2025-01-01,10,,,


         A,2025-01-02,10,2,o1,"two
        lines"
        A,2025-01-03,10,3,o2,x
        A,2025-01-04,10,-1,o3,x
        """;
    Path p = dir.resolve("log.csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    TransactionLog log = TransactionReader.csv().quantity("qty").order("order").read(p);
    assertThat(log.customerIds()).containsExactly("A", " A");
    assertThat(log.quantity[0]).isNaN();
    assertThat(log.quantity[1]).isEqualTo(2);
    assertThat(log.order[0]).isEqualTo(-1);
    assertThat(log.order[2]).isNotEqualTo(log.order[1]);
    assertThat(log.where(0)).isEqualTo(p + ", line 2");
    assertThat(log.where(1)).isEqualTo(p + ", line 5");
    assertThat(log.where(2)).isEqualTo(p + ", line 7");
    assertThatThrownBy(() -> CustomerFeatures.asOf(LocalDate.of(2025, 2, 10)).compute(log))
        .hasMessageContaining("log.csv, line 8");
    TransactionLog.Builder b = TransactionLog.builder().add("x", LocalDate.of(2025, 1, 1), 1);
    TransactionLog built = b.add("y", LocalDate.of(2025, 1, 2), 1).build();
    assertThat(built.where(1)).isEqualTo("transactions, entry 2");
    assertThat(b.size()).isZero();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.add("z", LocalDate.of(2025, 1, 1), 1))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Issue 19, item 11: a field of megabytes in the order column is named, not kept. */
  @Test
  void refusesAnOrderIdOfMegabytes() throws IOException {
    String huge = "o".repeat(Interner.LONGEST + 1);
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01,60,1," + huge + ",0,0\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("log.csv, line 2: an order id of " + huge.length() + " characters")
        .hasMessageContaining("more characters")
        .hasMessageNotContaining(huge);
  }

  @Test
  void negativeQuantitiesNeedAPolicy() throws IOException {
    TransactionLog log = read(LOG + "B,2024-07-01,5,-2,o7,0,0\n");
    assertThatThrownBy(() -> CustomerFeatures.asOf(LocalDate.of(2025, 2, 10)).compute(log))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("log.csv, line 10")
        .hasMessageContaining("quantity -2.0 is negative but the line is not flagged returned")
        .hasMessageContaining("NegativeQuantityPolicy.RETURN");
    CustomerTable t =
        CustomerFeatures.asOf(LocalDate.of(2025, 2, 10))
            .negativeQuantities(NegativeQuantityPolicy.RETURN)
            .compute(log);
    Dataset data = t.dataset();
    assertThat(data.get(1, data.columnIndex("return_rate"))).isEqualTo(5.0 / 20);
  }

  @Test
  void badValuesNameTheLineColumnAndValue() throws IOException {
    assertThatThrownBy(() -> read(HEADER + "A,2025-13-01,5,1,o,0,0\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(
            "line 2, column 'date': '2025-13-01' is not a date in the format yyyy-MM-dd");
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01,five,1,o,0,0\n"))
        .hasMessageContaining("line 2, column 'amount': 'five' is not a finite number");
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01,5,1,o,0,maybe\n"))
        .hasMessageContaining("column 'returned': 'maybe' is not a flag");
    assertThatThrownBy(() -> read(HEADER + ",2025-01-01,5,1,o,0,0\n"))
        .hasMessageContaining("line 2: the customer id is empty");
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01,5,1,o,-3,0\n"))
        .hasMessageContaining("discount -3.0 must be a finite number >= 0");
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01,5\n"))
        .hasMessageContaining("line 2: 3 fields where the header has 7");
    assertThatThrownBy(
            () -> read("customer,date,amount,qty,order,discount,returned\nA,x,1,1,o,0,0\n"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'customer_id'")
        .hasMessageContaining("must be a column of the header");
    assertThatThrownBy(() -> read("")).hasMessageContaining("is empty: expected a header line");
    assertThatThrownBy(() -> TransactionReader.csv().read(dir.resolve("missing.csv")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> TransactionReader.csv().datePattern("yyyy-MM-dd'"))
        .hasMessageContaining("option datePattern");
    assertThatThrownBy(() -> CustomerFeatures.asOf(LocalDate.of(2000, 1, 1)).compute(read(LOG)))
        .hasMessageContaining("no customer has a purchase on or before 2000-01-01");
  }

  @Test
  void whitespaceAndGzipFilesAndAnInMemoryLog() throws IOException {
    Path gz = dir.resolve("log.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(
          """
          id  day   value
           7  20250101  3.5

           7  20250105  1.5
           8 20250102 2
          """
              .getBytes(StandardCharsets.UTF_8));
    }
    TransactionLog log =
        TransactionReader.csv()
            .whitespaceSeparated()
            .customer("id")
            .date("day")
            .datePattern("yyyyMMdd")
            .amount("value")
            .read(gz);
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.customerIds()).containsExactly("7", "8");
    assertThat(log.customerOf(2)).isEqualTo("8");
    assertThat(log.dateOf(1)).isEqualTo(LocalDate.of(2025, 1, 5));
    assertThat(log.amountOf(0)).isEqualTo(3.5);
    assertThat(log.toString()).isEqualTo("TransactionLog[3 lines, 2 customers]");
    assertThat(log.summary()).isEqualTo("3 lines of 2 customers, 2025-01-01 to 2025-01-05");
    // issue 22: a gzip file is recognised by its content, whatever its name
    Path renamed = dir.resolve("log-without-extension.txt");
    Files.copy(gz, renamed);
    assertThat(
            TransactionReader.csv()
                .whitespaceSeparated()
                .customer("id")
                .date("day")
                .datePattern("yyyyMMdd")
                .amount("value")
                .read(renamed)
                .size())
        .isEqualTo(3);
    Path semi = dir.resolve("semi.csv");
    Files.writeString(semi, "customer_id;date;amount\nx;2025-01-01;4\n");
    assertThat(TransactionReader.csv().delimiter(';').read(semi).size()).isEqualTo(1);
    TransactionLog mem =
        TransactionLog.builder()
            .add("a", LocalDate.of(2025, 1, 1), 10)
            .add("a", LocalDate.of(2025, 1, 3), 20)
            .build();
    CustomerTable t =
        CustomerFeatures.asOf(LocalDate.of(2025, 1, 3))
            .features(Feature.FREQUENCY, Feature.MONETARY_TOTAL)
            .compute(mem);
    assertThat(t.dataset().row(0)).containsExactly(2, 30);
    assertThatThrownBy(() -> TransactionLog.builder().add("a", LocalDate.MIN, Double.NaN))
        .hasMessageContaining("entry 1: amount NaN is not a finite number");
  }

  @Test
  void timestampsKeepTheirDayAndInvalidTimesAreErrors() throws IOException {
    TransactionLog log =
        read(
            HEADER
                + "A,2025-01-01T23:59:59,5,1,o1,0,0\n"
                + "A,2025-01-03 08:00:00,5,1,o2,0,0\n"
                + "A,2025-01-05T08:00:00+01:00,5,1,o3,0,0\n");
    assertThat(log.dateOf(0)).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(log.dateOf(1)).isEqualTo(LocalDate.of(2025, 1, 3));
    assertThat(log.dateOf(2)).isEqualTo(LocalDate.of(2025, 1, 5));
    assertThatThrownBy(() -> read(HEADER + "A,2025-01-01T25:00:00,5,1,o1,0,0\n"))
        .hasMessageContaining("'2025-01-01T25:00:00' is not a date");
    assertThatThrownBy(() -> read(HEADER + "A,2025-02-30,5,1,o1,0,0\n"))
        .hasMessageContaining("'2025-02-30' is not a date");
  }
}
