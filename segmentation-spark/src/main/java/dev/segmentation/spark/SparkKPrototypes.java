package dev.segmentation.spark;

import dev.segmentation.api.DimensionMismatchException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.io.ModelFiles;
import dev.segmentation.kprototypes.KPrototypesExplanation;
import dev.segmentation.kprototypes.KPrototypesModel;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a Spark customer table with a k-prototypes model ({@link KPrototypesModel}): numeric
 * columns read as numbers, categorical columns as text (any type, by its string form; null is
 * missing, which costs every segment the same), matched to the model's levels by name. Appends
 * {@code segment} (int), {@code cost} (the k-prototypes cost against that segment) and {@code
 * mismatches} (how many categories differ from the segment's modes), keeping every input column.
 * Every value equals what {@link KPrototypesModel#assign(double[], String[])} and {@link
 * KPrototypesModel#explain} give locally. The model travels once, as its model file in a broadcast
 * variable, and is parsed once per executor.
 *
 * <p>Cost O(n k (p + q)), one pass, lazy. A null or non-finite numeric value fails the job (a Spark
 * exception whose cause is the library's {@code InvalidDataException}) naming the column and the
 * row (the id, when an id column is given).
 */
public final class SparkKPrototypes {
  private SparkKPrototypes() {}

  /**
   * Scores a customer table.
   *
   * @param customers rows with every column of the model (by name; more columns are fine)
   * @param model the fitted model
   * @param idColumn a column of customer ids for error messages, or null
   * @return the input's columns, then {@code segment}, {@code cost}, {@code mismatches}
   * @throws DimensionMismatchException if a model column is missing
   * @throws InvalidOptionException if a numeric column is not numeric, or an output column exists
   */
  public static Dataset<Row> score(
      Dataset<Row> customers, KPrototypesModel model, String idColumn) {
    Objects.requireNonNull(model, "model");
    StructType schema = customers.schema();
    List<String> names = List.of(schema.fieldNames());
    for (String c : model.columnNames()) {
      if (!names.contains(c)) {
        throw new DimensionMismatchException(
            "column '"
                + c
                + "' of the model is missing from the data set, which has "
                + names
                + "; score rows with the columns the model was trained on");
      }
    }
    if (!model.numericColumns().isEmpty()) {
      // refuses a numeric model column of another type, naming it
      FeatureFrame.of(schema, model.numericColumns(), null, idColumn);
    }
    int[] numericAt = new int[model.numericColumns().size()];
    for (int j = 0; j < numericAt.length; j++) {
      numericAt[j] = schema.fieldIndex(model.numericColumns().get(j));
    }
    int[] categoricalAt = new int[model.categoricalColumns().size()];
    for (int j = 0; j < categoricalAt.length; j++) {
      categoricalAt[j] = schema.fieldIndex(model.categoricalColumns().get(j));
    }
    int idAt = idColumn == null ? -1 : schema.fieldIndex(idColumn);
    StructType out =
        schema
            .add(SparkScorer.outputName(names, "segment"), DataTypes.IntegerType, false)
            .add(SparkScorer.outputName(names, "cost"), DataTypes.DoubleType, false)
            .add(SparkScorer.outputName(names, "mismatches"), DataTypes.IntegerType, false);
    String json = ModelFiles.toJson(model);
    Broadcast<String> shipped =
        JavaSparkContext.fromSparkContext(customers.sparkSession().sparkContext()).broadcast(json);
    String key = shipped.id() + "/" + SparkScorer.digest(json);
    List<String> numericNames = model.numericColumns();
    MapPartitionsFunction<Row, Row> scoring =
        rows ->
            score(
                rows,
                (KPrototypesModel) SparkScorer.load(shipped, key),
                numericAt,
                categoricalAt,
                idAt,
                numericNames);
    return customers.mapPartitions(scoring, Encoders.row(out));
  }

  private static Iterator<Row> score(
      Iterator<Row> rows,
      KPrototypesModel model,
      int[] numericAt,
      int[] categoricalAt,
      int idAt,
      List<String> numericNames) {
    double[] x = new double[numericAt.length];
    String[] c = new String[categoricalAt.length];
    return new Iterator<>() {
      long position;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        int bad = FeatureFrame.read(r, numericAt, x, 0);
        if (bad >= 0) {
          throw FeatureFrame.badValue(
              SparkScorer.where(r, idAt, position),
              numericNames.get(bad),
              r,
              numericAt[bad],
              "scoring");
        }
        position++;
        for (int j = 0; j < categoricalAt.length; j++) {
          c[j] = r.isNullAt(categoricalAt[j]) ? null : String.valueOf(r.get(categoricalAt[j]));
        }
        KPrototypesExplanation e = model.explain(x, c);
        int n = r.length();
        Object[] values = SparkScorer.widened(r, 3);
        values[n] = e.segment();
        values[n + 1] = e.cost();
        values[n + 2] = e.mismatchedCategories().size();
        return RowFactory.create(values);
      }
    };
  }
}
