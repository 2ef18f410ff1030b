package dev.segmentation.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.Dataset;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.TransactionLog;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled data sets load whole, with the values of their published files. */
class SampleDatasetsTest {

  @Test
  void aMissingResourceIsReportedByName() {
    assertThatThrownBy(() -> SampleDatasets.read("nothing.csv", (in, name) -> name))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nothing.csv missing");
  }

  @Test
  void bundledWholesaleData() {
    Dataset ds = SampleDatasets.wholesaleCustomers();
    assertThat(ds.numRows()).isEqualTo(440);
    assertThat(ds.numColumns()).isEqualTo(8);
    assertThat(ds.row(0)).containsExactly(2, 3, 12669, 9656, 7561, 214, 2674, 1338);
    assertThat(ds.rowIds().orElseThrow().get(439)).isEqualTo("440");
    assertThat(ds.select(SampleDatasets.wholesaleSpendColumns()).numColumns()).isEqualTo(6);
  }

  @Test
  void theBundledCdnowLog() {
    TransactionLog log = SampleDatasets.cdnowTransactions();
    assertThat(log.size()).isEqualTo(69_659);
    assertThat(log.customerIds()).hasSize(23_570);
    CustomerTable end = CustomerFeatures.asOf(LocalDate.of(1998, 6, 30)).compute(log);
    assertThat(end.numCustomers()).isEqualTo(23_570);
    assertThat(end.linesUsed()).isEqualTo(69_659);
    Dataset d = end.dataset();
    // customer 00001 bought once, on 1997-01-01, for $11.77
    assertThat(d.get(0, d.columnIndex("recency_days"))).isEqualTo(545);
    assertThat(d.get(0, d.columnIndex("monetary_total"))).isEqualTo(11.77);
    // customer 00002: two lines on 1997-01-12 make one order of $89
    assertThat(d.get(1, d.columnIndex("frequency"))).isEqualTo(1);
    assertThat(d.get(1, d.columnIndex("monetary_mean"))).isEqualTo(89);
    CustomerTable december =
        CustomerFeatures.asOf(LocalDate.of(1997, 12, 31)).optOut(Set.of("00001")).compute(log);
    assertThat(december.numCustomers()).isEqualTo(23_569);
    assertThat(december.linesAfterAsOf()).isPositive();
  }
}
