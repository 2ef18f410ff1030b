package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CdnowOnSparkTest {

  @Test
  void theCustomerLayerOnSparkGivesTheLocalModelProfilesAndHoldouts() {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("CdnowOnSparkTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CdnowOnSpark.Result r;
    try {
      r = CdnowOnSpark.run(spark, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    } finally {
      spark.stop();
    }
    assertThat(r.customers()).isEqualTo(23_570 - CdnowJourney.OPTED_OUT.size());
    assertThat(r.spark().rows()).isEqualTo(r.customers());
    double[][] a = r.spark().model().centroids();
    double[][] b = r.local().centroids();
    for (int c = 0; c < b.length; c++) {
      for (int j = 0; j < b[c].length; j++) {
        assertThat(a[c][j]).isCloseTo(b[c][j], within(1e-9 * (1 + Math.abs(b[c][j]))));
      }
    }
    assertThat(r.sparkProfiles().toText()).isEqualTo(r.localProfiles().toText());
    assertThat(r.sparkProfiles().atypicalGroup()).isPresent();
    assertThat(r.heldOutSpark()).isEqualTo(r.heldOutLocal()).isPositive();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("CDNOW customers as a Spark table: " + r.customers())
        .contains("profiles identical");
  }
}
