package dev.segmentation.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.GoldenTest;
import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.hierarchical.Linkage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files record how a model was made, and files from before that still load. */
class ModelFilesProvenanceTest {
  @TempDir Path dir;

  /** The rows the version-1 files in src/test/resources/models were fitted on. */
  private static Dataset data() {
    return GoldenTest.data(240, false);
  }

  private static Map<String, SegmentationResult<?>> fits(Dataset data) {
    return Map.of(
        "kmeans",
        Segmentation.kmeans().k(4).restarts(3).seed(7).preprocess(Scaling.standard()).fit(data),
        "dbscan",
        Segmentation.dbscan().eps(0.8).minPoints(5).preprocess(Scaling.standard()).fit(data),
        "hierarchical",
        Segmentation.hierarchical().linkage(Linkage.WARD).k(4).fit(data),
        "som",
        Segmentation.som().grid(4, 3).epochs(12).seed(9).segments(3).fit(data));
  }

  @Test
  void versionOneFilesFromBeforeProvenanceLoadAndAssignAsBefore() throws IOException {
    Dataset data = data();
    Map<String, SegmentationResult<?>> now = fits(data);
    for (String type : List.of("kmeans", "dbscan", "hierarchical", "som")) {
      Path file = Path.of("src/test/resources/models/v1-" + type + ".json");
      assertThat(Files.readString(file)).contains("\"version\" : 1,");
      SegmentModel old = ModelFiles.load(file);
      assertThat(old.provenance()).as(type).isEmpty();
      assertThat(old.assignAll(data)).as(type).isEqualTo(now.get(type).model().assignAll(data));
    }
  }

  @Test
  void everyFamilyRecordsHowItsModelWasMadeAndTheFileKeepsIt() {
    Dataset data = data();
    for (Map.Entry<String, SegmentationResult<?>> e : fits(data).entrySet()) {
      SegmentModel model = e.getValue().model();
      Provenance p = model.provenance().orElseThrow();
      assertThat(p.libraryVersion()).as(e.getKey()).isEqualTo(Provenance.LIBRARY_VERSION);
      assertThat(p.libraryVersion()).doesNotContain("${").isNotEqualTo("unknown");
      assertThat(p.rows()).isEqualTo(240);
      assertThat(p.columns()).containsExactly("recency", "frequency", "monetary");
      assertThat(p.summary()).isEqualTo(e.getValue().summary());
      assertThat(p.options()).containsKey("preprocess");
      Path file = dir.resolve(e.getKey() + ".json");
      ModelFiles.save(model, file);
      SegmentModel back = ModelFiles.load(file);
      assertThat(back.provenance()).as(e.getKey()).contains(p);
      assertThat(back.assignAll(data)).isEqualTo(model.assignAll(data));
    }
    Provenance km = fits(data).get("kmeans").model().provenance().orElseThrow();
    assertThat(km.algorithm()).isEqualTo("k-means");
    assertThat(km.seed()).hasValue(7);
    assertThat(km.options())
        .containsEntry("k", "4")
        .containsEntry("restarts", "3")
        .containsEntry("preprocess", "standard");
    Provenance db = fits(data).get("dbscan").model().provenance().orElseThrow();
    assertThat(db.seed()).isEmpty();
    assertThat(db.options()).containsEntry("eps", "0.8").containsEntry("minPoints", "5");
    // DBSCAN has no objective: NaN travels as a string and comes back as NaN
    assertThat(db.summary().objective()).isNaN();
  }

  @Test
  void aFileOfAnotherVersionIsRefusedWithTheVersionsThisLibraryReads() throws IOException {
    Path file = dir.resolve("v9.json");
    String text =
        ModelFiles.toJson(fits(data()).get("kmeans").model())
            .replace("\"version\" : 2,", "\"version\" : 9,");
    Files.writeString(file, ModelFiles.resign(text));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("versions 1 and 2");
  }

  @Test
  void aBadProvenanceFieldIsNamed() throws IOException {
    Path file = dir.resolve("bad.json");
    String text =
        ModelFiles.toJson(fits(data()).get("kmeans").model())
            .replaceFirst("\"created\" : \"[^\"]*\"", "\"created\" : \"yesterday\"");
    Files.writeString(file, ModelFiles.resign(text));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("provenance.created");
  }
}
