package dev.segmentation.spark;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.SegmentationException;
import dev.segmentation.core.preprocess.FittedScaling;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The feature columns of a Spark data set, checked once: which columns, the optional weight and id
 * columns, and the conversion of partitions into packed row-major blocks the library's kernels run
 * on. Every value is checked on the way in; a bad one stops the job with an error that names the
 * column, the value and the row (its id when an id column is given, else partition and position).
 */
final class FeatureFrame implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Rows per block: large enough that the per-block overhead vanishes, small enough (1 MiB at d =
   * 8) that a block never strains an executor.
   */
  static final int BLOCK_ROWS = 16_384;

  final List<String> columns;
  final String weightColumn;
  final String idColumn;

  /** Where the features are in a {@link #select}ed row: the first fields, in order. */
  private final int[] featureAt;

  private FeatureFrame(List<String> columns, String weightColumn, String idColumn) {
    this.columns = List.copyOf(columns);
    this.featureAt = java.util.stream.IntStream.range(0, columns.size()).toArray();
    this.weightColumn = weightColumn;
    this.idColumn = idColumn;
  }

  /**
   * Resolves the feature columns: the given ones (each must exist and be numeric), or else every
   * numeric column but the weight and id columns.
   */
  static FeatureFrame of(
      StructType schema, List<String> requested, String weightColumn, String idColumn) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (weightColumn != null) {
      requireNumeric(schema, weightColumn, "weight column");
    }
    if (idColumn != null && !names.contains(idColumn)) {
      throw missing(idColumn, "id column", names);
    }
    List<String> columns = new ArrayList<>();
    if (requested == null || requested.isEmpty()) {
      for (StructField f : schema.fields()) {
        if (f.dataType() instanceof NumericType
            && !f.name().equals(weightColumn)
            && !f.name().equals(idColumn)) {
          columns.add(f.name());
        }
      }
      if (columns.isEmpty()) {
        throw new InvalidOptionException(
            "columns",
            "(all numeric)",
            "the data set has no numeric column besides the weight and id: "
                + schema.simpleString());
      }
    } else {
      for (String c : requested) {
        requireNumeric(schema, c, "feature column");
        if (columns.contains(c)) {
          throw new InvalidOptionException("columns", requested, "names '" + c + "' twice");
        }
        columns.add(c);
      }
    }
    return new FeatureFrame(columns, weightColumn, idColumn);
  }

  private static void requireNumeric(StructType schema, String column, String role) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(column)) {
      throw missing(column, role, names);
    }
    StructField f = schema.apply(column);
    if (!(f.dataType() instanceof NumericType)) {
      throw new InvalidOptionException(
          role,
          column,
          "has type "
              + f.dataType().simpleString()
              + "; segment numeric columns (cast or encode this one first)");
    }
  }

  private static InvalidOptionException missing(String column, String role, List<String> names) {
    return new InvalidOptionException(
        role, column, "is not a column of the data set, which has " + names);
  }

  /** The feature columns as doubles, then the weight (as double) and the id (as string). */
  Dataset<Row> select(Dataset<Row> df) {
    List<Column> out = new ArrayList<>();
    for (String c : columns) {
      out.add(functions.col(c).cast(DataTypes.DoubleType));
    }
    if (weightColumn != null) {
      out.add(functions.col(weightColumn).cast(DataTypes.DoubleType));
    }
    if (idColumn != null) {
      out.add(functions.col(idColumn).cast(DataTypes.StringType));
    }
    return df.select(out.toArray(new Column[0]));
  }

  /** A packed block of rows, already preprocessed. */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] x;
    final double[] w;
    final int n;

    /** The block's identity: partition, and position among the partition's blocks. */
    final long id;

    Block(double[] x, double[] w, int n, long id) {
      this.x = x;
      this.w = w;
      this.n = n;
      this.id = id;
    }
  }

  /**
   * Packs every partition into blocks of at most {@link #BLOCK_ROWS} rows, transformed by {@code
   * scaling}, and keeps them at {@code level}. Lazy: the first action runs the conversion (and the
   * checks).
   */
  JavaRDD<Block> blocks(Dataset<Row> df, FittedScaling scaling, StorageLevel level) {
    int d = columns.size();
    FeatureFrame frame = this;
    Shipped.Scaling shipped = new Shipped.Scaling(scaling);
    return select(df)
        .javaRDD()
        .mapPartitionsWithIndex((p, rows) -> frame.pack(p, rows, d, shipped.get()), true)
        .persist(level);
  }

  private Iterator<Block> pack(int partition, Iterator<Row> rows, int d, FittedScaling scaling) {
    return new Iterator<>() {
      long position;
      int blocks;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Block next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        double[] x = new double[BLOCK_ROWS * d];
        double[] w = weightColumn == null ? null : new double[BLOCK_ROWS];
        int n = 0;
        while (n < BLOCK_ROWS && rows.hasNext()) {
          Row r = rows.next();
          values(r, x, n * d, partition, position);
          if (w != null) {
            w[n] = weight(r, partition, position);
          }
          n++;
          position++;
        }
        x = n == BLOCK_ROWS ? x : Arrays.copyOf(x, n * d);
        w = w == null || n == BLOCK_ROWS ? w : Arrays.copyOf(w, n);
        try {
          scaling.transformInPlace(x, n);
        } catch (InvalidDataException e) {
          throw new InvalidDataException(
              "partition " + partition + ", near row " + (position - n) + ": " + e.getMessage(), e);
        }
        return new Block(x, w, n, ((long) partition << 32) | blocks++);
      }
    };
  }

  /** Copies the feature values of one row into {@code out} at {@code off}, checking each. */
  void values(Row r, double[] out, int off, int partition, long position) {
    int bad = read(r, featureAt, out, off);
    if (bad >= 0) {
      throw badValue(row(r, partition, position), columns.get(bad), r, bad, "segmenting");
    }
  }

  /**
   * Reads the numeric fields {@code at} of a row into {@code out} from {@code off}; returns the
   * first position in {@code at} whose field is null or not finite (the rest unread), or -1.
   */
  static int read(Row r, int[] at, double[] out, int off) {
    for (int j = 0; j < at.length; j++) {
      if (r.isNullAt(at[j])) {
        return j;
      }
      double v = ((Number) r.get(at[j])).doubleValue();
      if (!Double.isFinite(v)) {
        return j;
      }
      out[off + j] = v;
    }
    return -1;
  }

  /** The error for a feature {@link #read} refused: null, or not a finite number. */
  static InvalidDataException badValue(
      String where, String column, Row r, int field, String before) {
    if (r.isNullAt(field)) {
      return new InvalidDataException(
          where
              + ": column '"
              + column
              + "' is null; filter such rows or fill them (Dataset.na().fill) before "
              + before);
    }
    return new InvalidDataException(
        where
            + ": column '"
            + column
            + "' is "
            + r.get(field)
            + "; every feature must be a finite number");
  }

  double weight(Row r, int partition, long position) {
    int j = columns.size();
    double v = r.isNullAt(j) ? Double.NaN : r.getDouble(j);
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new InvalidDataException(
          row(r, partition, position)
              + ": weight column '"
              + weightColumn
              + "' is "
              + (r.isNullAt(j) ? "null" : v)
              + "; weights must be finite and >= 0");
    }
    return v;
  }

  String id(Row r) {
    int j = columns.size() + (weightColumn != null ? 1 : 0);
    return r.isNullAt(j) ? null : r.getString(j);
  }

  /** Names a row: by id when there is an id column, else by partition and position. */
  String row(Row r, int partition, long position) {
    if (idColumn != null) {
      return "row with " + idColumn + " '" + id(r) + "'";
    }
    return partition < 0
        ? "sampled row " + position + " (give an id column to name it)"
        : "partition " + partition + ", row " + position;
  }

  /**
   * Collects a seeded sample of at most {@code size} rows to the driver, in original units, with
   * weights and ids when the frame has them: every row when the data set has at most {@code size}
   * rows, else a Bernoulli sample ({@code Dataset.sample}, without replacement) cut to {@code
   * size}. Two jobs (a count and the sample). The same data, partitioning and seed give the same
   * sample.
   */
  dev.segmentation.api.Dataset sample(Dataset<Row> df, int size, long seed) {
    Dataset<Row> selected = select(df);
    long total = run(selected::count);
    if (total == 0) {
      throw new InvalidDataException("the data set is empty: there is nothing to segment");
    }
    List<Row> rows;
    if (total <= size) {
      rows = run(selected::collectAsList);
    } else {
      // 10% (and 5 standard deviations) above the expected size, so the cut almost never lacks rows
      double expected = (double) size / total;
      double fraction = Math.min(1, 1.1 * expected + 5 * Math.sqrt(expected / total));
      rows = run(() -> selected.sample(false, fraction, seed).limit(size).collectAsList());
    }
    int n = rows.size();
    int d = columns.size();
    double[] x = new double[n * d];
    double[] w = weightColumn == null ? null : new double[n];
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      values(r, x, i * d, -1, i);
      if (w != null) {
        w[i] = weight(r, -1, i);
      }
      if (idColumn != null) {
        String id = id(r);
        if (id == null) {
          throw new InvalidDataException(
              "sampled row " + i + ": id column '" + idColumn + "' is null; every row needs an id");
        }
        ids.add(id);
      }
    }
    dev.segmentation.api.Dataset out = dev.segmentation.api.Dataset.ofRowMajor(x, n, columns);
    if (w != null) {
      out = out.withWeights(w);
    }
    return idColumn == null ? out : out.withRowIds(ids);
  }

  /**
   * Runs a Spark action and rethrows the library's own exception when a task failed with one, so
   * that callers see the message that names the column and row rather than Spark's wrapper.
   */
  static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) {
      // Spark's SparkException is checked in Java's eyes but thrown undeclared from Scala, so
      // catch Exception; precise rethrow keeps the method free of a throws clause.
      Throwable cause = e;
      while (cause != null && !(cause instanceof SegmentationException)) {
        cause = cause.getCause();
      }
      if (cause != null && cause != e) {
        throw (SegmentationException) cause;
      }
      throw e;
    }
  }
}
