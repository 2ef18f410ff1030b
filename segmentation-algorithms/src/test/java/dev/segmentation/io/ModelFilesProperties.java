package dev.segmentation.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kprototypes.KPrototypesModel;
import dev.segmentation.som.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Every model type survives a round trip; corrupted files are refused with a clear error. */
class ModelFilesProperties {

  private static Dataset data(int n, int d, SplittableRandom rng) {
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        r[j] = rng.nextInt(3) == 0 ? rng.nextInt(5) : Math.exp(rng.nextDouble(0, 6));
      }
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "feature " + j + (j == 0 ? " \"quoted\"" : "");
    }
    return Dataset.of(rows, names);
  }

  private static List<SegmentModel> models(Dataset data, int k, long seed) {
    Scaling scaling = Scaling.log1p().then(Scaling.standard());
    List<SegmentModel> out = new ArrayList<>();
    out.add(Segmentation.kmeans().k(k).seed(seed).preprocess(scaling).fit(data).model());
    out.add(
        Segmentation.dbscan()
            .eps(0.8)
            .minPoints(3)
            .distance(seed % 2 == 0 ? Distance.EUCLIDEAN : Distance.MANHATTAN)
            .preprocess(Scaling.robust())
            .fit(data)
            .model());
    out.add(
        Segmentation.hdbscan()
            .minClusterSize(3)
            .minSamples(1 + (int) Math.floorMod(seed, 3L))
            .preprocess(Scaling.standard())
            .fit(data)
            .model());
    out.add(
        Segmentation.hierarchical().linkage(Linkage.WARD).preprocess(scaling).tree(data).model(k));
    out.add(Segmentation.hierarchical().linkage(Linkage.SINGLE).tree(data).model(k));
    out.add(
        Segmentation.som()
            .grid(3, 2)
            .topology(seed % 2 == 0 ? Topology.HEXAGONAL : Topology.RECTANGULAR)
            .toroidal(true)
            .epochs(3)
            .segments(Math.min(k, 6))
            .preprocess(Scaling.minMax())
            .fit(data)
            .model());
    return out;
  }

  @Property(tries = 40)
  void aLoadedModelAssignsExactlyAsTheSavedOne(
      @ForAll @IntRange(min = 8, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dataset train = data(n, d, rng);
    Dataset fresh = data(30, d, rng);
    for (SegmentModel model : models(train, k, seed)) {
      String json = ModelFiles.toJson(model);
      SegmentModel loaded = ModelFiles.fromJson(json, "test");
      assertThat(loaded.getClass()).isEqualTo(model.getClass());
      assertThat(loaded.columnNames()).isEqualTo(model.columnNames());
      assertThat(loaded.numSegments()).isEqualTo(model.numSegments());
      assertThat(loaded.assignAll(train)).isEqualTo(model.assignAll(train));
      assertThat(loaded.assignAll(fresh)).isEqualTo(model.assignAll(fresh));
      // saving the loaded model gives the same file
      assertThat(ModelFiles.toJson(loaded)).isEqualTo(json);
    }
  }

  @Property(tries = 60)
  void corruptedFilesAreRefusedWithAClearError(
      @ForAll @IntRange(min = 0, max = 5) int which, @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dataset train = data(20, 3, rng);
    String json = ModelFiles.toJson(models(train, 3, seed).get(which));
    // truncated anywhere: never loads
    int cut = rng.nextInt(json.length() - 2);
    assertThatThrownBy(() -> ModelFiles.fromJson(json.substring(0, cut), "cut.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("model file cut.json");
    // a flipped bit anywhere: rejected, unless the text still means the same (1.0E-5 and 1.0e-5)
    char[] chars = json.toCharArray();
    int at = rng.nextInt(chars.length);
    chars[at] = (char) (chars[at] ^ (1 << rng.nextInt(7)));
    try {
      SegmentModel loaded = ModelFiles.fromJson(new String(chars), "flipped.json");
      assertThat(ModelFiles.toJson(loaded)).isEqualTo(json);
    } catch (InvalidDataException e) {
      assertThat(e.getMessage()).startsWith("model file flipped.json");
    }
  }

  private static MixedDataset mixed(int n, int p, int q, SplittableRandom rng) {
    MixedDataset.Builder b = MixedDataset.builder(n);
    for (int j = 0; j < p; j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = Math.exp(rng.nextDouble(0, 5));
      }
      b.numeric("spend " + j, col);
    }
    for (int j = 0; j < q; j++) {
      String[] col = new String[n];
      for (int i = 0; i < n; i++) {
        col[i] = "level \"" + rng.nextInt(4) + "\"";
      }
      b.categorical("channel " + j, col);
    }
    return b.build();
  }

  @Property(tries = 40)
  void aLoadedKPrototypesModelAssignsExactlyAsTheSavedOne(
      @ForAll @IntRange(min = 8, max = 60) int n,
      @ForAll @IntRange(min = 0, max = 2) int p,
      @ForAll @IntRange(min = 1, max = 2) int q,
      @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MixedDataset train = mixed(n, p, q, rng);
    MixedDataset fresh = mixed(20, p, q, rng);
    KPrototypesModel model;
    try {
      model =
          Segmentation.kprototypes()
              .k(k)
              .seed(seed)
              .preprocess(Scaling.log1p().then(Scaling.standard()))
              .fit(train)
              .model();
    } catch (InvalidDataException fewDistinct) {
      return;
    }
    String json = ModelFiles.toJson(model);
    KPrototypesModel loaded = (KPrototypesModel) ModelFiles.fromJson(json, "k.json");
    assertThat(loaded.columnNames()).isEqualTo(model.columnNames());
    assertThat(loaded.assignAll(train)).isEqualTo(model.assignAll(train));
    assertThat(loaded.assignAll(fresh)).isEqualTo(model.assignAll(fresh));
    assertThat(loaded.modeShares()).isDeepEqualTo(model.modeShares());
    assertThat(loaded.provenance()).isPresent();
    assertThat(ModelFiles.toJson(loaded)).isEqualTo(json);
    char[] chars = json.toCharArray();
    int at = rng.nextInt(chars.length);
    chars[at] = (char) (chars[at] ^ (1 << rng.nextInt(7)));
    try {
      assertThat(ModelFiles.toJson(ModelFiles.fromJson(new String(chars), "f.json")))
          .isEqualTo(json);
    } catch (InvalidDataException e) {
      assertThat(e.getMessage()).startsWith("model file f.json");
    }
  }

  private static String kmeansJson() {
    Dataset d = Dataset.of(new double[][] {{0, 1}, {1, 1}, {9, 9}, {10, 9}}, "a", "b");
    return ModelFiles.toJson(
        Segmentation.kmeans().k(2).preprocess(Scaling.standard()).fit(d).model());
  }

  @Test
  void handEditedFilesAreRefusedNamingTheField() throws IOException {
    String json = kmeansJson();
    assertThat(json).containsPattern("\"checksum\" : \"sha256:[0-9a-f]{64}\"");
    // any edit breaks the checksum
    assertThatThrownBy(
            () ->
                ModelFiles.fromJson(
                    json.replace("\"columns\" : [ \"a\"", "\"columns\" : [ \"z\""), "e.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("field 'checksum' does not match the content");
    assertThat(json)
        .contains("\"format\" : \"dev.segmentation/model\"")
        .contains("\"version\" : 2");
    String[][] cases = {
      {"\"version\" : 2", "\"version\" : 3", "field 'version' is 3"},
      {"\"format\" : \"dev.segmentation/model\"", "\"format\" : \"other\"", "not a model file"},
      {"\"type\" : \"kmeans\"", "\"type\" : \"gmm\"", "field 'type' is 'gmm'"},
      {"\"columns\" : [ \"a\", \"b\" ]", "\"columns\" : [ \"a\", \"a\" ]", "names 'a' twice"},
      {"\"columns\" : [ \"a\", \"b\" ]", "\"columns\" : [ \"a\" ]", "one value per column (1)"},
      {"\"stage\" : \"affine\"", "\"stage\" : \"sqrt\"", "'sqrt', not log1p or affine"},
    };
    // edits that keep a valid checksum (re-signed on purpose) are still checked field by field
    for (String[] c : cases) {
      assertThat(json).contains(c[0]);
      String edited = ModelFiles.resign(json.replace(c[0], c[1]));
      assertThatThrownBy(() -> ModelFiles.fromJson(edited, "edited.json"))
          .as(c[1])
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("model file edited.json")
          .hasMessageContaining(c[2]);
    }
    // a number that is not finite: NaN is not JSON, 1e999 overflows to infinity
    String centroids = json.substring(json.indexOf("\"centroids\""));
    String first = centroids.substring(centroids.indexOf('[') + 1).trim();
    first = first.substring(first.indexOf('[') + 1, first.indexOf(',')).trim();
    String withNan = json.replaceFirst(java.util.regex.Pattern.quote(first), "NaN");
    assertThatThrownBy(() -> ModelFiles.resign(withNan)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ModelFiles.fromJson(withNan, "nan.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not valid JSON");
    String huge =
        ModelFiles.resign(json.replaceFirst(java.util.regex.Pattern.quote(first), "1e999"));
    assertThatThrownBy(() -> ModelFiles.fromJson(huge, "inf.json"))
        .hasMessageContaining("model file inf.json: field 'centroids' must hold numbers");
    assertThatThrownBy(() -> ModelFiles.fromJson("[1, 2]", "array.json"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ModelFiles.fromJson("", "empty.json"))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void hugeDeclaredSizesCannotExhaustMemory() throws IOException {
    Dataset d = Dataset.of(new double[][] {{0, 1}, {1, 1}, {9, 9}, {10, 9}}, "a", "b");
    String som =
        ModelFiles.toJson(Segmentation.som().grid(2, 2).segments(2).epochs(2).fit(d).model());
    String wide = ModelFiles.resign(som.replace("\"gridColumns\" : 2", "\"gridColumns\" : 99999"));
    String tall = ModelFiles.resign(som.replace("\"gridRows\" : 2", "\"gridRows\" : 2147483647"));
    assertThatThrownBy(() -> ModelFiles.fromJson(wide, "huge.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("needs that many codebook rows");
    assertThatThrownBy(() -> ModelFiles.fromJson(tall, "huge.json"))
        .hasMessageContaining("field 'gridRows' is 2147483647, outside [1, 100000]");
    String tree = ModelFiles.toJson(Segmentation.hierarchical().tree(d).model(2));
    String many = ModelFiles.resign(tree.replace("\"segments\" : 2", "\"segments\" : 2000000000"));
    assertThatThrownBy(() -> ModelFiles.fromJson(many, "huge.json"))
        .hasMessageContaining("by centroid, k = 2000000000 points");
  }

  /**
   * Issue 19, item 10: a segment count that the arrays do not bear out (re-signed, as anyone can)
   * is refused on load, for DBSCAN, single-linkage cuts and maps.
   */
  @Test
  void segmentCountsMustBeBorneOutByTheArrays() throws IOException {
    Dataset d =
        Dataset.of(
            new double[][] {{0, 1}, {1, 1}, {0, 0}, {9, 9}, {10, 9}, {9, 10}, {50, 50}}, "a", "b");
    String db = ModelFiles.toJson(Segmentation.dbscan().eps(2).minPoints(3).fit(d).model());
    String dbMany = ModelFiles.resign(db.replace("\"segments\" : 2", "\"segments\" : 1000000000"));
    assertThatThrownBy(() -> ModelFiles.fromJson(dbMany, "many.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("1000000000 segments claimed")
        .hasMessageContaining("core points");
    String dbThree = ModelFiles.resign(db.replace("\"segments\" : 2", "\"segments\" : 3"));
    assertThatThrownBy(() -> ModelFiles.fromJson(dbThree, "three.json"))
        .hasMessageContaining("segment 2 of 3 has no core point");
    String som =
        ModelFiles.toJson(Segmentation.som().grid(2, 2).segments(2).epochs(2).fit(d).model());
    String somMany = ModelFiles.resign(som.replace("\"segments\" : 2", "\"segments\" : 100"));
    assertThatThrownBy(() -> ModelFiles.fromJson(somMany, "som.json"))
        .hasMessageContaining("100 segments claimed, but there are only 4 units");
    String single =
        ModelFiles.toJson(
            Segmentation.hierarchical()
                .linkage(dev.segmentation.hierarchical.Linkage.SINGLE)
                .tree(d)
                .model(2));
    String singleMany = ModelFiles.resign(single.replace("\"segments\" : 2", "\"segments\" : 7"));
    assertThatThrownBy(() -> ModelFiles.fromJson(singleMany, "single.json"))
        .hasMessageContaining("segment 2 of 7 has no point");
  }

  /** Issue 19, item 10: a model too big to load again is not written. */
  @Test
  void aModelTooBigToLoadAgainIsNotWritten() {
    Path file = Path.of("big.json");
    assertThatThrownBy(
            () -> ModelFiles.requireLoadable(ModelFiles.MAX_BYTES + 1, ModelFiles.MAX_BYTES, file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("would have " + (ModelFiles.MAX_BYTES + 1) + " bytes")
        .hasMessageContaining("loaded again");
    ModelFiles.requireLoadable(ModelFiles.MAX_BYTES, ModelFiles.MAX_BYTES, file);
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void filesOnDiskAndTypedLoading() throws IOException {
    Path dir = Files.createTempDirectory("models");
    Dataset d = Dataset.of(new double[][] {{0, 1}, {1, 1}, {9, 9}, {10, 9}}, "a", "b");
    KMeansModel model = Segmentation.kmeans().k(2).fit(d).model();
    Path file = dir.resolve("m.json");
    ModelFiles.save(model, file);
    ModelFiles.save(model, file);
    assertThat(ModelFiles.load(file, KMeansModel.class).assignAll(d)).isEqualTo(model.assignAll(d));
    assertThatThrownBy(() -> ModelFiles.load(file, dev.segmentation.som.SomModel.class))
        .hasMessageContaining("holds a KMeansModel, not a SomModel");
    assertThatThrownBy(() -> ModelFiles.load(dir.resolve("none.json")))
        .hasMessageContaining("does not exist");
    Files.writeString(file, "{\"format\": \"dev.segmentation/model\"", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ModelFiles.load(file))
        .hasMessageContaining("not valid JSON (truncated or corrupted?)");
    SegmentModel stranger =
        new SegmentModel() {
          @Override
          public int numSegments() {
            return 1;
          }

          @Override
          public List<String> columnNames() {
            return List.of("a");
          }

          @Override
          public int assign(double[] row) {
            return 0;
          }
        };
    assertThatThrownBy(() -> ModelFiles.toJson(stranger))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a model of this library");
  }
}
