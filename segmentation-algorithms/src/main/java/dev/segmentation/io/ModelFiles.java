package dev.segmentation.io;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.distance.Distance;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.dbscan.DbscanModel;
import dev.segmentation.hdbscan.CondensedTree;
import dev.segmentation.hdbscan.HdbscanModel;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kprototypes.KPrototypesModel;
import dev.segmentation.som.SomGrid;
import dev.segmentation.som.SomModel;
import dev.segmentation.som.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves every model of the library (K-means, DBSCAN, HDBSCAN*, hierarchical cut, self-organizing
 * map, each with its preprocessing and column names) to a versioned JSON file, and loads it back
 * with every value checked. No Java serialization: a model file is text a person can read, diff and
 * review.
 *
 * <pre>{@code
 * ModelFiles.save(result.model(), Path.of("model.json"));
 * SegmentModel model = ModelFiles.load(Path.of("model.json"));
 * KMeansModel kmeans = ModelFiles.load(Path.of("model.json"), KMeansModel.class);
 * int[] segments = model.assignAll(newCustomers);   // columns matched by name
 * }</pre>
 *
 * <p><b>Format, version 2.</b> One JSON object: {@code "format": "dev.segmentation/model"}, {@code
 * "version": 2}, {@code "type"} ({@code kmeans}, {@code dbscan}, {@code hdbscan}, {@code
 * hierarchical}, {@code som}), {@code "columns"} (the feature names, in order), {@code "scaling"}
 * (the preprocessing stages in order, each {@code {"stage": "log1p"}} or {@code {"stage": "affine",
 * "shift": [...], "scale": [...]}} with {@code x' = (x - shift) / scale}), and {@code "model"}:
 *
 * <ul>
 *   <li>kmeans: {@code centroids} (k rows, preprocessed space);
 *   <li>dbscan: {@code segments}, {@code eps}, {@code minPoints}, {@code distance}, {@code
 *       trainingRows}, {@code coreRows}, {@code corePoints} (preprocessed), {@code coreLabels};
 *   <li>hdbscan: {@code minClusterSize}, {@code minSamples}, {@code distance}, {@code points}
 *       (every training row, preprocessed), {@code coreDistances}, the condensed tree as {@code
 *       clusterParents}, {@code clusterBirths}, {@code clusterSizes}, {@code clusterStability},
 *       {@code selectedClusters}, {@code clusterOfRow}, {@code lambdaOfRow}, and {@code linkage} (n
 *       - 1 rows of 4, scipy's layout); labels, probabilities and outlier scores are derived;
 *   <li>hierarchical: {@code segments}, {@code byCentroid}, {@code points} (the centroids, or every
 *       training row for single linkage), {@code pointSegments};
 *   <li>som: {@code gridColumns}, {@code gridRows}, {@code topology}, {@code toroidal}, {@code
 *       segments}, {@code codebook} (one row per unit, preprocessed), {@code unitSegments}, {@code
 *       hits}, {@code quantizationErrors}, {@code topographicErrors}.
 * </ul>
 *
 * <p>Then, when the model carries it, {@code "provenance"}: how the model was made ({@code
 * algorithm}, {@code options} as strings, {@code seed} when the algorithm is seeded, {@code
 * libraryVersion}, {@code rows}, {@code columns}, {@code created} (ISO-8601), and {@code summary}:
 * {@code algorithm}, {@code iterations}, {@code converged}, {@code objective}, {@code
 * distanceComputations}, {@code elapsedNanos}, {@code objectiveTrace}; a NaN or infinite number is
 * written as the string {@code "NaN"}, {@code "Infinity"}). Version 1 files (written before
 * provenance was recorded) are identical without it, and load as before.
 *
 * <p>Last, {@code "checksum"}: {@code "sha256:"} and the SHA-256 (hex) of the file as this library
 * writes it without the checksum field (an integrity check against corruption and accidental edits,
 * not a signature).
 *
 * <p><b>Loading checks</b> the format name and version, the checksum, the type, that columns are
 * distinct names, that every array has the size the others imply, that every number is finite and
 * every label in range, and refuses files over {@link #MAX_BYTES}. Sizes are never taken on trust
 * from the file: arrays are only ever as large as what was read, so a hand-edited "huge" dimension
 * cannot exhaust memory. Any problem is an {@link InvalidDataException} naming the file and the
 * field. A loaded model assigns exactly as the saved one (doubles are written in full precision).
 */
public final class ModelFiles {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "dev.segmentation/model";

  /** The version this library writes; it reads this one and version 1 (no provenance). */
  public static final int VERSION = 2;

  /** The largest model file accepted, in bytes. */
  public static final long MAX_BYTES = 256L << 20;

  private ModelFiles() {}

  /**
   * Writes a model to a file, replacing it atomically where the file system allows.
   *
   * @param model a model of this library
   * @param file where to write
   * @throws IllegalArgumentException if the model is of a type this library did not create
   * @throws InvalidDataException if the file cannot be written, or would be larger than {@link
   *     #MAX_BYTES} (then it could not be loaded again)
   */
  public static void save(SegmentModel model, Path file) {
    byte[] json = toJson(model).getBytes(StandardCharsets.UTF_8);
    requireLoadable(json.length, MAX_BYTES, file);
    AtomicFiles.write(file, tmp -> Files.write(tmp, json));
  }

  /** A file load() refuses would be a model nobody can use again: refuse to write it. */
  static void requireLoadable(long bytes, long limit, Path file) {
    if (bytes > limit) {
      throw new InvalidDataException(
          "the model file "
              + file
              + " would have "
              + bytes
              + " bytes, more than the "
              + limit
              + " a model file may have to be loaded again; fit on a sample, or (DBSCAN) keep"
              + " fewer core points with a larger minPoints");
    }
  }

  /**
   * Returns the JSON text of a model (what {@link #save} writes).
   *
   * @param model a model of this library
   * @return the text
   * @throws IllegalArgumentException if the model is of a type this library did not create
   */
  public static String toJson(SegmentModel model) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    Map<String, Object> m = new LinkedHashMap<>();
    FittedScaling scaling;
    if (model instanceof KMeansModel km) {
      root.put("type", "kmeans");
      scaling = km.scaling();
      m.put("centroids", km.scaledCentroids());
      km.segmentWeights().ifPresent(w -> m.put("segmentWeights", w));
    } else if (model instanceof DbscanModel db) {
      root.put("type", "dbscan");
      scaling = db.scaling();
      m.put("segments", db.numSegments());
      m.put("eps", db.eps());
      m.put("minPoints", db.minPoints());
      m.put("distance", db.distance().name());
      m.put("trainingRows", db.coreFlags().length);
      m.put("coreRows", db.coreRows());
      m.put("corePoints", db.scaledCorePoints());
      m.put("coreLabels", db.coreLabels());
    } else if (model instanceof HdbscanModel hd) {
      root.put("type", "hdbscan");
      scaling = hd.scaling();
      CondensedTree t = hd.condensedTree();
      int k = t.clusters();
      int[] parents = new int[k];
      double[] births = new double[k];
      int[] sizes = new int[k];
      double[] stability = new double[k];
      List<Integer> selected = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        parents[c] = t.parent(c);
        births[c] = t.birthLambda(c);
        sizes[c] = t.size(c);
        stability[c] = t.stability(c);
        if (t.selected(c)) {
          selected.add(c);
        }
      }
      int[] clusterOfRow = new int[t.rows()];
      double[] lambdaOfRow = new double[t.rows()];
      for (int r = 0; r < t.rows(); r++) {
        clusterOfRow[r] = t.clusterOfRow(r);
        lambdaOfRow[r] = t.lambdaOfRow(r);
      }
      m.put("minClusterSize", hd.minClusterSize());
      m.put("minSamples", hd.minSamples());
      m.put("distance", hd.distance().name());
      m.put("points", hd.scaledPoints());
      m.put("coreDistances", hd.coreDistances());
      m.put("clusterParents", parents);
      m.put("clusterBirths", births);
      m.put("clusterSizes", sizes);
      m.put("clusterStability", stability);
      m.put("selectedClusters", selected);
      m.put("clusterOfRow", clusterOfRow);
      m.put("lambdaOfRow", lambdaOfRow);
      m.put("linkage", hd.singleLinkage());
    } else if (model instanceof HierarchicalModel h) {
      root.put("type", "hierarchical");
      scaling = h.scaling();
      m.put("segments", h.numSegments());
      m.put("byCentroid", h.assignsByCentroid());
      m.put("points", h.scaledPoints());
      m.put("pointSegments", h.pointSegments());
    } else if (model instanceof KPrototypesModel kp) {
      root.put("type", "kprototypes");
      scaling = kp.scaling();
      List<List<String>> levels = new ArrayList<>();
      for (int j = 0; j < kp.categoricalColumns().size(); j++) {
        levels.add(kp.levels(j));
      }
      m.put("categorical", kp.categoricalColumns());
      m.put("levels", levels);
      m.put("gamma", kp.gamma());
      m.put("centres", kp.scaledCentres());
      m.put("modes", kp.modeCodes());
      m.put("sizes", kp.sizes());
      m.put("modeShares", kp.modeShares());
    } else if (model instanceof SomModel som) {
      root.put("type", "som");
      scaling = som.scaling();
      SomGrid g = som.grid();
      m.put("gridColumns", g.columns());
      m.put("gridRows", g.rows());
      m.put("topology", g.topology().name());
      m.put("toroidal", g.toroidal());
      m.put("segments", som.numSegments());
      m.put("codebook", som.codebook());
      m.put("unitSegments", som.unitSegments());
      m.put("hits", som.hitCounts());
      m.put("quantizationErrors", som.quantizationErrors());
      m.put("topographicErrors", som.topographicErrors());
    } else {
      throw new IllegalArgumentException(
          "cannot save a " + model.getClass().getName() + ": not a model of this library");
    }
    root.put("columns", model.columnNames());
    List<Object> stages = new ArrayList<>();
    for (int s = 0; s < scaling.numStages(); s++) {
      Map<String, Object> stage = new LinkedHashMap<>();
      if (scaling.isLog1p(s)) {
        stage.put("stage", "log1p");
      } else {
        stage.put("stage", "affine");
        stage.put("shift", scaling.shift(s));
        stage.put("scale", scaling.scale(s));
      }
      stages.add(stage);
    }
    root.put("scaling", stages);
    root.put("model", m);
    model.provenance().ifPresent(p -> root.put("provenance", ProvenanceJson.write(p)));
    root.put("checksum", checksum(root));
    return write(root) + "\n";
  }

  private static String write(Map<String, Object> root) {
    try {
      return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(root);
    } catch (IOException e) {
      throw new IllegalStateException("JSON writing failed: " + e.getMessage(), e);
    }
  }

  /**
   * The SHA-256 of the file's content without its checksum field, as this library writes it.
   * Parsing and writing again gives the same text (doubles are written in their shortest exact
   * form), so any change to a value, a key or the order shows.
   */
  private static String checksum(Map<String, Object> root) {
    Map<String, Object> content = new LinkedHashMap<>(root);
    content.remove("checksum");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(write(content).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Recomputes the checksum of a file's text, for tests that edit a file on purpose. */
  static String resign(String json) throws IOException {
    @SuppressWarnings("unchecked") // a model file is a JSON object
    Map<String, Object> root = (Map<String, Object>) JSON.std.anyFrom(json);
    root.remove("checksum");
    root.put("checksum", checksum(root));
    return write(root) + "\n";
  }

  /**
   * Loads a model of any type.
   *
   * @param file a file written by {@link #save}
   * @return the model
   * @throws InvalidDataException if the file is missing, too large, not JSON, of another format or
   *     version, or holds a value that does not fit (naming the field)
   */
  public static SegmentModel load(Path file) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidDataException(
            "model file "
                + file
                + " has "
                + size
                + " bytes, more than the "
                + MAX_BYTES
                + " a model file may have");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    return fromJson(text, file.toString());
  }

  /**
   * Loads a model and checks its type.
   *
   * @param file a file written by {@link #save}
   * @param type the expected model class
   * @param <M> the model type
   * @return the model
   * @throws InvalidDataException as {@link #load(Path)}, or if the file holds another type
   */
  public static <M extends SegmentModel> M load(Path file, Class<M> type) {
    SegmentModel m = load(file);
    if (!type.isInstance(m)) {
      throw new InvalidDataException(
          "model file "
              + file
              + " holds a "
              + m.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(m);
  }

  /**
   * Reads a model from JSON text.
   *
   * @param json the text
   * @param source a name for messages, for example the file name
   * @return the model
   * @throws InvalidDataException as {@link #load(Path)}
   */
  public static SegmentModel fromJson(String json, String source) {
    JsonReader r = new JsonReader(source);
    Object parsed;
    try {
      parsed = JSON.std.anyFrom(json);
    } catch (IOException | RuntimeException e) {
      throw new InvalidDataException(
          "model file "
              + source
              + " is not valid JSON (truncated or corrupted?): "
              + firstLine(e.getMessage()),
          e);
    }
    try {
      return read(r, r.object(parsed, "the file"));
    } catch (InvalidDataException e) {
      if (e.getMessage().startsWith("model file ")) {
        throw e;
      }
      throw new InvalidDataException("model file " + source + ": " + e.getMessage(), e);
    }
  }

  private static SegmentModel read(JsonReader r, Map<String, Object> root) {
    String format = r.string(root, "format");
    if (!FORMAT.equals(format)) {
      throw r.bad("format", "is '" + format + "', not '" + FORMAT + "': not a model file");
    }
    long version = r.integer(root, "version", 0, Integer.MAX_VALUE);
    if (version != VERSION && version != 1) {
      throw r.bad(
          "version",
          "is "
              + version
              + "; this library reads versions 1 and "
              + VERSION
              + " (save the model again with this version)");
    }
    String stored = r.string(root, "checksum");
    if (!stored.equals(checksum(root))) {
      throw r.bad(
          "checksum",
          "does not match the content: the file was corrupted or edited by hand; save the model"
              + " again from the library");
    }
    String type = r.string(root, "type");
    List<String> columns = r.columns(root);
    Map<String, Object> m = r.object(root.get("model"), "model");
    if ("kprototypes".equals(type)) {
      return attachIfAny(r, root, kprototypes(r, root, m, columns));
    }
    FittedScaling scaling = r.scaling(root, columns);
    int d = columns.size();
    SegmentModel model = restore(r, type, m, columns, scaling, d);
    Object provenance = root.get("provenance");
    return provenance == null ? model : attach(model, ProvenanceJson.read(r, provenance));
  }

  private static SegmentModel attachIfAny(
      JsonReader r, Map<String, Object> root, SegmentModel model) {
    Object provenance = root.get("provenance");
    return provenance == null ? model : attach(model, ProvenanceJson.read(r, provenance));
  }

  /** The numeric columns are the columns before the categorical ones; only they are scaled. */
  private static KPrototypesModel kprototypes(
      JsonReader r, Map<String, Object> root, Map<String, Object> m, List<String> columns) {
    List<String> categorical = r.strings(m, "categorical");
    int q = categorical.size();
    int p = columns.size() - q;
    if (p < 0 || !columns.subList(p, columns.size()).equals(categorical)) {
      throw r.bad("categorical", "must be the last columns, in order");
    }
    List<String> numeric = columns.subList(0, p);
    List<?> rawLevels = r.list(r.field(m, "levels"), "levels");
    List<List<String>> levels = new ArrayList<>();
    for (Object l : rawLevels) {
      levels.add(r.strings(r.list(l, "levels"), "levels"));
    }
    double[][] modes = r.matrix(m, "modes", q);
    int[][] codes = new int[modes.length][q];
    for (int c = 0; c < modes.length; c++) {
      for (int j = 0; j < q; j++) {
        codes[c][j] = (int) modes[c][j];
        if (codes[c][j] != modes[c][j]) {
          throw r.bad("modes", "must hold level indexes, not " + modes[c][j]);
        }
      }
    }
    return KPrototypesModel.restore(
        numeric,
        categorical,
        levels,
        r.scaling(root, numeric),
        r.matrix(m, "centres", p),
        codes,
        r.number(m, "gamma"),
        r.doubles(m, "sizes"),
        r.matrix(m, "modeShares", q));
  }

  private static SegmentModel attach(SegmentModel model, Provenance p) {
    if (model instanceof KMeansModel km) {
      return km.withProvenance(p);
    } else if (model instanceof DbscanModel db) {
      return db.withProvenance(p);
    } else if (model instanceof HierarchicalModel h) {
      return h.withProvenance(p);
    } else if (model instanceof HdbscanModel hd) {
      return hd.withProvenance(p);
    } else if (model instanceof KPrototypesModel kp) {
      return kp.withProvenance(p);
    }
    return ((SomModel) model).withProvenance(p);
  }

  private static SegmentModel restore(
      JsonReader r,
      String type,
      Map<String, Object> m,
      List<String> columns,
      FittedScaling scaling,
      int d) {
    return switch (type) {
      case "kmeans" ->
          m.containsKey("segmentWeights")
              ? KMeansModel.restore(
                  columns, scaling, r.matrix(m, "centroids", d), r.doubles(m, "segmentWeights"))
              : KMeansModel.restore(columns, scaling, r.matrix(m, "centroids", d));
      case "dbscan" ->
          DbscanModel.restore(
              columns,
              scaling,
              (int) r.integer(m, "segments", 0, Integer.MAX_VALUE),
              (int) r.integer(m, "trainingRows", 0, Integer.MAX_VALUE),
              r.ints(m, "coreRows"),
              r.matrix(m, "corePoints", d),
              r.ints(m, "coreLabels"),
              r.number(m, "eps"),
              (int) r.integer(m, "minPoints", 1, Integer.MAX_VALUE),
              r.enumValue(m, "distance", Distance.class));
      case "hdbscan" ->
          HdbscanModel.restore(
              columns,
              scaling,
              r.enumValue(m, "distance", Distance.class),
              (int) r.integer(m, "minSamples", 1, Integer.MAX_VALUE),
              (int) r.integer(m, "minClusterSize", 2, Integer.MAX_VALUE),
              r.matrix(m, "points", d),
              r.doubles(m, "coreDistances"),
              r.ints(m, "clusterParents"),
              r.doubles(m, "clusterBirths"),
              r.ints(m, "clusterSizes"),
              r.doubles(m, "clusterStability"),
              r.ints(m, "selectedClusters"),
              r.ints(m, "clusterOfRow"),
              r.doubles(m, "lambdaOfRow"),
              r.matrix(m, "linkage", 4));
      case "hierarchical" ->
          HierarchicalModel.restore(
              columns,
              scaling,
              r.bool(m, "byCentroid"),
              r.matrix(m, "points", d),
              r.ints(m, "pointSegments"),
              (int) r.integer(m, "segments", 1, Integer.MAX_VALUE));
      case "som" ->
          SomModel.restore(
              columns,
              scaling,
              (int) r.integer(m, "gridColumns", 1, 100_000),
              (int) r.integer(m, "gridRows", 1, 100_000),
              r.enumValue(m, "topology", Topology.class),
              r.bool(m, "toroidal"),
              r.matrix(m, "codebook", d),
              r.ints(m, "unitSegments"),
              (int) r.integer(m, "segments", 1, Integer.MAX_VALUE),
              r.ints(m, "hits"),
              r.doubles(m, "quantizationErrors"),
              r.doubles(m, "topographicErrors"));
      default ->
          throw r.bad(
              "type",
              "is '"
                  + type
                  + "'; expected kmeans, kprototypes, dbscan, hdbscan, hierarchical or som");
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
