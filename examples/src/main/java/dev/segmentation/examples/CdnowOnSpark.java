package dev.segmentation.examples;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.spark.SparkFit;
import dev.segmentation.spark.SparkSegmentation;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The customer layer on CDNOW through Spark: the features of every customer as of the end of 1997
 * (opted-out customers removed) become a Spark table, as a retailer would keep them; then, on
 * Spark: distributed K-means, scoring with segment, margin and membership columns, an atypical
 * flag, profiles and holdout flags as Spark aggregations. The same steps run locally on the same
 * rows and the example checks that both give the same model, profiles and holdouts.
 *
 * <p>Run with a master, for example {@code local[2]}, or through {@code spark-submit} (which
 * supplies one): see the README's Spark section.
 */
public final class CdnowOnSpark {
  private static final String[] COLUMNS = {
    Feature.RECENCY.column(),
    Feature.FREQUENCY.column(),
    Feature.MONETARY_TOTAL.column(),
    Feature.MONETARY_MEAN.column()
  };

  private CdnowOnSpark() {}

  /**
   * What the run produced.
   *
   * @param spark the model fitted on Spark
   * @param local the model fitted locally from the same start
   * @param sparkProfiles profiles computed by Spark aggregations
   * @param localProfiles profiles computed locally
   * @param heldOutSpark customers held out, counted on Spark
   * @param heldOutLocal customers held out, counted locally
   * @param customers customers segmented
   */
  public record Result(
      SparkFit<KMeansModel> spark,
      KMeansModel local,
      SegmentProfiles sparkProfiles,
      SegmentProfiles localProfiles,
      long heldOutSpark,
      long heldOutLocal,
      int customers) {}

  /**
   * Runs the example on a local Spark unless {@code spark-submit} gave a master.
   *
   * @param args optional: the master URL (default {@code local[2]})
   */
  public static void main(String[] args) {
    SparkSession.Builder builder = SparkSession.builder().appName("segmentation: CDNOW on Spark");
    if (args.length > 0) {
      builder.master(args[0]);
    } else if (!SparkSession.getActiveSession().isDefined()
        && System.getProperty("spark.master") == null) {
      builder.master("local[2]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      run(spark, System.out);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs every step and prints it.
   *
   * @param spark the session to run on
   * @param out where to print
   * @return what was computed, Spark's and the local library's side by side
   */
  public static Result run(SparkSession spark, PrintStream out) {
    CustomerTable december =
        CustomerFeatures.asOf(LocalDate.of(1997, 12, 31))
            .optOut(CdnowJourney.OPTED_OUT)
            .compute(SampleDatasets.cdnowTransactions());
    Dataset features = december.dataset().select(COLUMNS);
    List<String> ids = december.customerIds();
    org.apache.spark.sql.Dataset<Row> customers = toSpark(spark, ids, features, december);
    out.println("CDNOW customers as a Spark table: " + customers.count() + " rows");

    Scaling scaling = Scaling.log1p().then(Scaling.standard());
    double[][] start = {features.row(0), features.row(1), features.row(2), features.row(3)};
    SparkFit<KMeansModel> fit =
        SparkSegmentation.kmeans(Segmentation.kmeans().initialCentroids(start).preprocess(scaling))
            .columns(COLUMNS)
            .idColumn("customer_id")
            .sampleSize(features.numRows())
            .fit(customers);
    out.println("Spark: " + fit.summary() + ", sizes " + Arrays.toString(fit.segmentSizes()));
    KMeansModel local =
        Segmentation.kmeans().initialCentroids(start).preprocess(scaling).fit(features).model();

    org.apache.spark.sql.Dataset<Row> scored =
        SparkSegmentation.scorer(fit.model())
            .idColumn("customer_id")
            .assign(customers)
            // the 1% least firmly placed are atypical, to review: the smallest margins
            .withColumn("atypical", functions.col("margin").lt(marginCut(customers, fit)))
            .cache();
    SegmentProfiles sparkProfiles =
        SparkSegmentation.profiles(scored, "segment", COLUMNS)
            .extras(Feature.TENURE.column())
            .atypical("atypical")
            .states("state")
            .compute();
    out.print(sparkProfiles.toText());

    Holdout holdout = Holdout.of("cdnow-1998-campaign", 0.10).fraction(0, 0.20);
    long heldOutSpark =
        SparkSegmentation.holdout(scored, holdout, "customer_id", "segment", "control")
            .where("control")
            .count();
    out.printf(Locale.ROOT, "holdout customers (Spark): %d%n", heldOutSpark);

    // the same rows locally: the labels and flags Spark put in its columns
    List<Row> rows = scored.select("segment", "atypical").collectAsList();
    int[] labels = fit.model().assignAll(features);
    boolean[] dnt = new boolean[labels.length];
    for (int i = 0; i < dnt.length; i++) {
      dnt[i] = rows.get(i).getBoolean(1);
    }
    SegmentProfiles localProfiles =
        SegmentProfiles.of(features, labels)
            .extras(december.dataset().select(Feature.TENURE.column()))
            .atypical(dnt)
            .states(december.states())
            .compute();
    long heldOutLocal = 0;
    for (boolean f : holdout.flags(ids, labels)) {
      heldOutLocal += f ? 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "local library on the same rows: profiles %s, holdout customers %d%n",
        sparkProfiles.toText().equals(localProfiles.toText()) ? "identical" : "DIFFERENT",
        heldOutLocal);
    scored.unpersist();
    return new Result(
        fit, local, sparkProfiles, localProfiles, heldOutSpark, heldOutLocal, ids.size());
  }

  /** The 1% quantile of the margins, from Spark's approximate quantiles (exact at this size). */
  private static double marginCut(
      org.apache.spark.sql.Dataset<Row> customers, SparkFit<KMeansModel> fit) {
    return SparkSegmentation.scorer(fit.model())
        .membershipColumn(null)
        .assign(customers)
        .stat()
        .approxQuantile("margin", new double[] {0.01}, 0)[0];
  }

  private static org.apache.spark.sql.Dataset<Row> toSpark(
      SparkSession spark, List<String> ids, Dataset features, CustomerTable table) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType, false);
    for (String c : features.columnNames()) {
      schema = schema.add(c, DataTypes.DoubleType, false);
    }
    schema =
        schema
            .add(Feature.TENURE.column(), DataTypes.DoubleType, false)
            .add("state", DataTypes.StringType, false);
    Dataset tenure = table.dataset().select(Feature.TENURE.column());
    List<Row> rows = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Object[] v = new Object[features.numColumns() + 3];
      v[0] = ids.get(i);
      for (int j = 0; j < features.numColumns(); j++) {
        v[1 + j] = features.get(i, j);
      }
      v[features.numColumns() + 1] = tenure.get(i, 0);
      v[features.numColumns() + 2] = table.states()[i].name();
      rows.add(RowFactory.create(v));
    }
    // a local relation keeps the row order, so Spark's rows line up with the local ones
    return spark.createDataFrame(rows, schema);
  }
}
