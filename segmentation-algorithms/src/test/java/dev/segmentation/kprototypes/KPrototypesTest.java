package dev.segmentation.kprototypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class KPrototypesTest {

  /** The small soybean data: 35 categorical attributes, the class last (not given to the fit). */
  private static List<String[]> soybean() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                KPrototypesTest.class.getResourceAsStream("soybean-small.csv"),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.split(","));
      }
    }
    return rows;
  }

  /**
   * Cao, Liang and Bai (2009), "A new initialization method for categorical data clustering",
   * Expert Systems with Applications 36(7), section 4: on the soybean data, k-modes started by the
   * proposed method recovers the four diseases exactly (accuracy, precision and recall 1). The
   * {@code kmodes} package's own test asserts the same split.
   */
  @Test
  void caoStartedKModesRecoversTheFourSoybeanDiseasesAsThePaperReports() throws IOException {
    List<String[]> rows = soybean();
    int n = rows.size();
    MixedDataset.Builder b = MixedDataset.builder(n);
    for (int a = 0; a < 35; a++) {
      String[] col = new String[n];
      for (int i = 0; i < n; i++) {
        col[i] = rows.get(i)[a];
      }
      b.categorical("a" + a, col);
    }
    SegmentationResult<KPrototypesModel> r =
        Segmentation.kprototypes().k(4).init(KPrototypesInit.CAO).fit(b.build());
    Map<Integer, Set<String>> classesOfSegment = new HashMap<>();
    Map<String, Set<Integer>> segmentsOfClass = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String disease = rows.get(i)[35];
      classesOfSegment.computeIfAbsent(r.labels()[i], s -> new HashSet<>()).add(disease);
      segmentsOfClass.computeIfAbsent(disease, s -> new HashSet<>()).add(r.labels()[i]);
    }
    assertThat(classesOfSegment).hasSize(4).allSatisfy((s, c) -> assertThat(c).hasSize(1));
    assertThat(segmentsOfClass).hasSize(4).allSatisfy((c, s) -> assertThat(s).hasSize(1));
    assertThat(r.summary().converged()).isTrue();
    assertThat(r.summary().algorithm()).contains("k-modes");
  }

  static MixedDataset mixed(long seed, int n, int p, int q) {
    Random rng = new Random(seed);
    MixedDataset.Builder b = MixedDataset.builder(n);
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = rng.nextInt(3);
    }
    for (int j = 0; j < p; j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = group[i] * 3 + rng.nextGaussian();
      }
      b.numeric("x" + j, col);
    }
    for (int j = 0; j < q; j++) {
      String[] col = new String[n];
      for (int i = 0; i < n; i++) {
        col[i] = rng.nextDouble() < 0.7 ? "g" + group[i] : "g" + rng.nextInt(4);
      }
      b.categorical("c" + j, col);
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + rng.nextInt(3);
    }
    return b.weights(w).build();
  }

  @Property(tries = 60)
  void theCostNeverIncreasesAndTheResultDoesNotDependOnThreads(
      @ForAll long seed,
      @ForAll @IntRange(min = 5, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 3) int p,
      @ForAll @IntRange(min = 1, max = 3) int q,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll KPrototypesInit init) {
    MixedDataset data = mixed(seed, n, p, q);
    SegmentationResult<KPrototypesModel> one;
    try {
      one = Segmentation.kprototypes().k(k).init(init).seed(seed).threads(1).fit(data);
    } catch (InvalidDataException fewDistinct) {
      assertThat(fewDistinct).hasMessageContaining("distinct customers");
      return;
    }
    double[] trace = one.summary().objectiveTrace();
    for (int t = 1; t < trace.length; t++) {
      assertThat(trace[t]).isLessThanOrEqualTo(trace[t - 1] * (1 + 1e-12) + 1e-12);
    }
    SegmentationResult<KPrototypesModel> two =
        Segmentation.kprototypes().k(k).init(init).seed(seed).threads(2).fit(data);
    assertThat(two.labels()).isEqualTo(one.labels());
    assertThat(two.model().scaledCentres()).isDeepEqualTo(one.model().scaledCentres());
    assertThat(two.summary().objective()).isEqualTo(one.summary().objective());

    // at convergence the model assigns every training row to its fitted segment
    KPrototypesModel m = one.model();
    if (one.summary().converged()) {
      assertThat(m.assignAll(data)).isEqualTo(one.labels());
    }
    // the objective is the weighted sum of the explained costs
    double total = 0;
    double[] w = data.weights().orElseThrow();
    for (int i = 0; i < n; i++) {
      double[] x = new double[p];
      String[] c = new String[q];
      for (int j = 0; j < p; j++) {
        x[j] = data.numeric(i, j);
      }
      for (int j = 0; j < q; j++) {
        c[j] = data.level(i, j);
      }
      KPrototypesExplanation e = m.explain(x, c);
      double parts = e.categoricalCost();
      for (double v : e.numericContributions().values()) {
        parts += v;
      }
      assertThat(parts).isCloseTo(e.cost(), Offset.offset(1e-9 * (1 + e.cost())));
      if (e.runnerUp() >= 0) {
        assertThat(e.runnerUpCost()).isGreaterThanOrEqualTo(e.cost());
      }
      total += w[i] * m.explain(x, c).cost();
    }
    if (one.summary().converged()) {
      assertThat(total).isCloseTo(one.summary().objective(), Offset.offset(1e-7 * (1 + total)));
    }
    // mode shares are the members' shares of the mode
    for (int s = 0; s < k; s++) {
      for (int j = 0; j < q; j++) {
        double in = 0;
        double hit = 0;
        for (int i = 0; i < n; i++) {
          if (one.labels()[i] == s) {
            in += w[i];
            hit += m.mode(s, j).equals(data.level(i, j)) ? w[i] : 0;
          }
        }
        assertThat(m.modeShare(s, j)).isCloseTo(in > 0 ? hit / in : 0, Offset.offset(1e-12));
      }
    }
  }

  @Test
  void gammaDefaultsToHalfTheMeanStandardDeviationAndCanBeSet() {
    MixedDataset data = mixed(7, 200, 2, 1);
    SegmentationResult<KPrototypesModel> r =
        Segmentation.kprototypes().k(3).preprocess(Scaling.standard()).fit(data);
    // standardised columns have standard deviation 1
    assertThat(r.model().gamma()).isCloseTo(0.5, Offset.offset(1e-12));
    assertThat(Segmentation.kprototypes().k(3).gamma(2).fit(data).model().gamma()).isEqualTo(2);
    assertThat(r.model().provenance().orElseThrow().options()).containsEntry("gamma", "0.5");
    // a level the model never saw matches no mode; a missing one costs every segment the same
    double[] x = {data.numeric(0, 0), data.numeric(0, 1)};
    assertThat(r.model().assign(x, new String[] {"never seen"}))
        .isEqualTo(r.model().assign(x, new String[] {null}));
  }

  @Test
  void missingValuesTooLargeKAndTooFewDistinctRowsAreClearErrors() {
    MixedDataset gap =
        MixedDataset.builder(3)
            .numeric("spend", new double[] {1, 2, 3})
            .categorical("channel", new String[] {"web", null, "app"})
            .build();
    assertThatThrownBy(() -> Segmentation.kprototypes().k(2).fit(gap))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1, column 'channel': missing category");
    assertThatThrownBy(() -> Segmentation.kprototypes().k(4).fit(gap))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("exceeds the 3 rows");
    MixedDataset same =
        MixedDataset.builder(3)
            .numeric("spend", new double[] {1, 1, 1})
            .categorical("channel", new String[] {"web", "web", "web"})
            .build();
    for (KPrototypesInit init : KPrototypesInit.values()) {
      assertThatThrownBy(() -> Segmentation.kprototypes().k(2).init(init).fit(same))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("only 1 distinct customers");
    }
    assertThatThrownBy(() -> Segmentation.kprototypes().gamma(-1))
        .isInstanceOf(InvalidOptionException.class);
  }
}
