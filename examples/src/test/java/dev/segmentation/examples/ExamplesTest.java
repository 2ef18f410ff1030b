package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.kmeans.KMeansModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
  @TempDir Path dir;

  @Test
  void wholesaleExamplePrintsSizesAndCentroidsInOriginalUnits() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SegmentationResult<KMeansModel> r =
        WholesaleSegments.run(5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(Arrays.stream(r.segmentSizes()).sum()).isEqualTo(440);
    assertThat(text).contains("440 clients").contains("Detergents_Paper");
    // Original units: every centroid spend is positive and within the data's range.
    for (double[] c : r.model().centroids()) {
      for (double v : c) {
        assertThat(v).isBetween(0.0, 120_000.0);
      }
    }
  }

  @Test
  void cdnowJourneyRunsTheWholePathAndLeavesOptedOutCustomersOut() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CdnowJourney.Journey j = CdnowJourney.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    int n = 23_570 - CdnowJourney.OPTED_OUT.size();
    assertThat(j.december().numCustomers()).isEqualTo(n);
    assertThat(j.december().optedOutCustomers()).isEqualTo(3);
    for (String id : CdnowJourney.OPTED_OUT) {
      assertThat(j.december().customerIds()).doesNotContain(id);
      assertThat(j.june().customerIds()).doesNotContain(id);
      assertThat(j.transitions().newCustomers()).doesNotContain(id);
      assertThat(j.transitions().lostCustomers()).doesNotContain(id);
    }
    int k = j.segments().model().numSegments();
    assertThat(k).isBetween(2, 8);
    for (int size : j.segments().segmentSizes()) {
      assertThat(size).isGreaterThanOrEqualTo((int) Math.ceil(0.05 * n));
    }
    long moved = 0;
    for (int a = 0; a < j.transitions().earlierSegments(); a++) {
      assertThat(j.transitions().earlierSize(a)).isEqualTo(j.segments().segmentSizes()[a]);
      for (int b = 0; b < j.transitions().laterSegments(); b++) {
        moved += j.transitions().count(a, b);
      }
    }
    assertThat(moved).isEqualTo(n);
    assertThat(j.heldOut().stream().mapToInt(Integer::intValue).sum())
        .isBetween((int) (0.08 * n), (int) (0.2 * n));
    assertThat(j.atypical()).isBetween(1, n / 50);
    assertThat(j.profiles().segments()).hasSize(k);
    assertThat(text)
        .contains("k selection by SILHOUETTE")
        .contains("transitions 1997-12-31 -> 1998-06-30")
        .contains("holdout customers per segment")
        .containsPattern("Customer 00001 is in segment \\d+ rather than \\d+");
  }

  @Test
  void cdnowDecisionsPlaceEveryCustomerOnceAndNoOptedOutOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CdnowDecisions.Decisions d =
        CdnowDecisions.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    int n = 23_570 - CdnowJourney.OPTED_OUT.size();
    assertThat(d.placed()).hasSize(n);
    assertThat(d.table().customerIds()).doesNotContainAnyElementsOf(CdnowJourney.OPTED_OUT);
    // every customer in exactly one place: a rule or no action
    int[] placed = d.placed();
    assertThat(Arrays.stream(placed).allMatch(k -> k >= -1 && k < d.rules().rules().size()))
        .isTrue();
    assertThat(text).contains("likely to churn").contains("ready to repeat").contains("no action");
    // lapsing customers cannot be ready to repeat: the churn rule comes first
    int lapsingReady = 0;
    for (int i = 0; i < n; i++) {
      if (d.table().text("state", i).equals("LAPSING")
          && placed[i] >= 0
          && d.rules().rules().get(placed[i]).name().equals("ready to repeat")) {
        lapsingReady++;
      }
    }
    assertThat(lapsingReady).isZero();
  }

  @Test
  void wholesaleOutliersAreNoiseFarFromEveryCorePoint() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SegmentationResult<DbscanModel> r =
        WholesaleOutliers.run(10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(r.noiseCount()).isPositive().isLessThan(440 / 2);
    assertThat(r.model().numSegments()).isPositive();
    assertThat(text).contains("k-distance knee").contains("first outliers");
    Dataset spend =
        SampleDatasets.wholesaleCustomers().select(SampleDatasets.wholesaleSpendColumns());
    // the model agrees with the fit: outliers stay outliers, core clients keep their segment
    int[] again = r.model().assignAll(spend);
    for (int i = 0; i < 440; i++) {
      if (r.label(i) == SegmentationResult.NOISE || r.model().isCore(i)) {
        assertThat(again[i]).isEqualTo(r.label(i));
      }
    }
  }

  @Test
  void wholesaleHierarchyNestsItsCuts() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Dendrogram tree = WholesaleHierarchy.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("Ward tree of 440 clients")
        .contains("6 segments: sizes");
    assertThat(tree.isMonotone()).isTrue();
    assertThat(tree.copheneticCorrelation()).isBetween(0.0, 1.0);
    // nesting: rows together at 6 segments are together at 3
    int[] six = tree.cut(6);
    int[] three = tree.cut(3);
    for (int i = 0; i < 440; i++) {
      for (int j = i + 1; j < 440; j += 7) {
        if (six[i] == six[j]) {
          assertThat(three[i]).isEqualTo(three[j]);
        }
      }
    }
  }
}
