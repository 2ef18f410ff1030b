package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationException;
import dev.segmentation.core.distance.Gower;
import dev.segmentation.core.evaluate.Agreement;
import dev.segmentation.core.evaluate.Stability;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.Exclusions;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.Snapshot;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.TransactionReader;
import dev.segmentation.customer.Transitions;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.io.ModelFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API half of the hostile-input catalogue (issue 19, item 11): a null where a value is needed
 * raises a library exception or a {@code NullPointerException} that names the argument, never a
 * bare one from deep inside. Every bug of this kind adds its row.
 */
class ApiNullArgumentsTest {
  record Call(String name, String names, Runnable call) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Dataset DATA =
      Dataset.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {5, 6}, {9, 0}, {9, 1}}, "a", "b");

  private static final SegmentModel MODEL = Segmentation.kmeans().k(2).fit(DATA).model();

  static Stream<Call> calls() {
    Snapshot snap = Snapshot.named("x", List.of("a"), new int[] {0});
    return Stream.of(
        new Call("kmeans fit(null)", "data", () -> Segmentation.kmeans().k(2).fit(null)),
        new Call("dbscan fit(null)", "data", () -> Segmentation.dbscan().fit(null)),
        new Call(
            "hierarchical fit(null)",
            "data",
            () -> Segmentation.hierarchical().fit((Dataset) null)),
        new Call(
            "hierarchical tree(null Gower)",
            "gower",
            () -> Segmentation.hierarchical().tree((Gower) null)),
        new Call(
            "kprototypes fit(null)",
            "data",
            () -> Segmentation.kprototypes().fit((MixedDataset) null)),
        new Call("Gower.of(null)", "data", () -> Gower.of(null)),
        new Call("MixedDataset.builder(null)", "data", () -> MixedDataset.builder(null)),
        new Call(
            "KMeansModel update(null)",
            "batch",
            () -> Segmentation.kmeans().k(2).fit(DATA).model().update(null, 1)),
        new Call("som fit(null)", "data", () -> Segmentation.som().fit(null)),
        new Call("assign(null)", "row", () -> MODEL.assign((double[]) null)),
        new Call("assignAll(null)", "data", () -> MODEL.assignAll(null)),
        new Call("Dataset.of(null)", "rows", () -> Dataset.of((double[][]) null, "a")),
        new Call("ModelFiles.save(null, file)", "model", () -> ModelFiles.save(null, Path.of("m"))),
        new Call("ModelFiles.load(null)", "file", () -> ModelFiles.load(null)),
        new Call("ModelFiles.fromJson(null)", "json", () -> ModelFiles.fromJson(null, "x")),
        new Call("Agreement with null labels", "a", () -> Agreement.adjustedRandIndex(null, null)),
        new Call("Stability.of(null)", "segmenter", () -> Stability.of(null)),
        new Call("Explainer.of(null)", "model", () -> Explainer.of(null)),
        new Call("SegmentProfiles.of(null)", "data", () -> SegmentProfiles.of(null, new int[0])),
        new Call("CustomerFeatures.asOf(null)", "asOf", () -> CustomerFeatures.asOf(null)),
        new Call(
            "CustomerFeatures compute(null)",
            "log",
            () -> CustomerFeatures.asOf(LocalDate.MAX).compute(null)),
        new Call("TransactionReader read(null)", "file", () -> TransactionReader.csv().read(null)),
        new Call(
            "TransactionLog add(null id)",
            "customer id",
            () -> TransactionLog.builder().add(null, LocalDate.MIN, 1)),
        new Call(
            "TransactionLog add(null date)",
            "date",
            () -> TransactionLog.builder().add("a", null, 1)),
        new Call("Exclusions.optOut(null)", "customerIds", () -> Exclusions.optOut(null)),
        new Call("Holdout.of(null salt)", "salt", () -> Holdout.of(null, 0.1)),
        new Call("Snapshot.of(null date)", "date", () -> Snapshot.of(null, List.of(), new int[0])),
        new Call("Transitions.between(null)", "earlier", () -> Transitions.between(null, snap)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void namesTheMissingArgument(Call c) {
    Throwable t = catchThrowable(c.call()::run);
    assertThat(t).as(c.name()).isNotNull();
    if (!(t instanceof SegmentationException)) {
      assertThat(t).as(c.name()).isInstanceOf(NullPointerException.class);
      assertThat(t.getMessage()).as(c.name()).isNotNull().contains(c.names());
    }
  }
}
