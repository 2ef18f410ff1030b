package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.FitSummary;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.MixedDataset;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansInit;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.kmeans.KMeansVariant;
import dev.segmentation.kmeans.MiniBatchKMeans;
import dev.segmentation.kprototypes.KPrototypes;
import dev.segmentation.kprototypes.KPrototypesInit;
import dev.segmentation.kprototypes.KPrototypesModel;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment kmeans}: K-means on the columns of a CSV file. */
@Command(
    name = "kmeans",
    mixinStandardHelpOptions = true,
    description = "Segment the rows of a CSV file with K-means and write one segment per row.",
    footer = {
      "",
      "Example:",
      "  segment kmeans --k 8 --seed 1 --input data.csv --columns a,b,c --id customer_id \\",
      "                 --output labels.csv",
      "  segment kmeans --k 2..10 --select silhouette --min-share 0.05 --input data.csv",
      "  segment kmeans --k 6 --stability 20 --input data.csv",
      "  segment kmeans --k 5 --categorical region,channel --input customers.csv --report r.html"
    })
final class KMeansCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputOptions in;

  @Mixin SaveOption saving;

  @Mixin SafeCsv csv;

  @Option(
      names = "--k",
      required = true,
      description =
          "Number of segments (>= 1), or a range lo..hi to choose from (see --select,"
              + " --min-share, --preferred-k).")
  String k;

  @Mixin SelectionOptions choice;

  @Option(names = "--weight", description = "Column with row weights (> 0).")
  String weight;

  @Option(names = "--output", description = "Where to write id,segment rows (default: no file).")
  Path output;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--restarts",
      defaultValue = "4",
      description = "Seedings to try; the best is kept (default: ${DEFAULT-VALUE}).")
  int restarts;

  @Option(
      names = "--variant",
      defaultValue = "AUTO",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KMeansVariant variant;

  @Option(
      names = "--init",
      defaultValue = "K_MEANS_PLUS_PLUS",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KMeansInit init;

  @Option(
      names = "--seeding-rounds",
      description =
          "With --init K_MEANS_PARALLEL: sampling passes of k-means|| (default: 5, as Bahmani et"
              + " al. 2012).")
  Integer seedingRounds;

  @Option(
      names = "--oversampling",
      description =
          "With --init K_MEANS_PARALLEL: candidates drawn per pass, in units of k (default: 2).")
  Double oversampling;

  @Option(
      names = "--max-iterations",
      defaultValue = "300",
      description = "Iteration limit per restart (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-4",
      description =
          "Convergence tolerance, relative to the data variance (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--mini-batch",
      description =
          "Fit by mini-batch K-means with batches of this many rows (Sculley 2010; for data too"
              + " large or too frequent for a full fit); needs one --k and no --weight.")
  Integer miniBatch;

  @Option(
      names = "--gamma",
      description =
          "With --categorical: the cost of one category mismatch against squared numeric"
              + " distance (default: half the mean standard deviation of the scaled numeric"
              + " columns, as Huang suggests).")
  Double gamma;

  @Option(
      names = "--prototype-init",
      defaultValue = "CAO",
      description =
          "With --categorical: how k-prototypes starts, ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  KPrototypesInit prototypeInit;

  @Option(
      names = "--report",
      description =
          "With --categorical: where to write an HTML page of the segments and their categorical"
              + " profiles.")
  Path report;

  @Override
  public Integer call() {
    // Outputs are checked before any work: a fit must not end in a refused write.
    OutputFiles.plan()
        .input("--input", in.input)
        .output("--output", output)
        .output("--save", saving.save)
        .output("--report", report)
        .check();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KSelection selection = choice.selection("--k", k, seed);
    if ((seedingRounds != null || oversampling != null) && init != KMeansInit.K_MEANS_PARALLEL) {
      throw new InvalidOptionException(
          seedingRounds != null ? "--seeding-rounds" : "--oversampling",
          seedingRounds != null ? (Object) seedingRounds : oversampling,
          "belongs to k-means|| seeding: add --init K_MEANS_PARALLEL");
    }
    if (!in.categorical.isEmpty()) {
      return prototypes(selection, out, err);
    }
    if (report != null || gamma != null) {
      throw new InvalidOptionException(
          report != null ? "--report" : "--gamma",
          report != null ? report : gamma,
          "belongs to k-prototypes: name categorical columns with --categorical");
    }
    if (miniBatch != null) {
      return miniBatch(selection, out, err);
    }
    KMeans kmeans =
        Segmentation.kmeans()
            .seed(seed)
            .restarts(restarts)
            .preprocess(Scaling.byName(in.scale))
            .variant(variant)
            .init(init)
            .maxIterations(maxIterations)
            .tolerance(tolerance);
    if (init == KMeansInit.K_MEANS_PARALLEL) {
      kmeans.parallelSeeding(
          seedingRounds != null ? seedingRounds : KMeans.DEFAULT_SEEDING_ROUNDS,
          oversampling != null ? oversampling : KMeans.DEFAULT_OVERSAMPLING);
    }
    if (selection != null) {
      kmeans.k(selection);
    } else {
      kmeans.k(SelectionOptions.parseRange("--k", k)[0]);
    }
    if (in.threads != null) {
      kmeans.threads(in.threads);
    }
    Dataset data = in.load(weight, err);
    SeedingClock clock = new SeedingClock();
    SegmentationResult<KMeansModel> result =
        ProgressBar.around(err, bar -> kmeans.progress(clock.around(bar)).fit(data));
    out.println(in.describe(data));
    SelectionOptions.printTable(out, result);
    Report.print(out, data, result, Report.kmeansDetail(result.summary(), clock.millis()));
    int chosen = result.model().numSegments();
    choice.printStability(
        out, kmeans.progress(ProgressListener.NONE).k(chosen), data, result.labels(), seed);
    return written(out, data, result);
  }

  /** The fit by mini-batch K-means: one k, no weights, the same outputs. */
  private Integer miniBatch(KSelection selection, PrintWriter out, PrintWriter err) {
    if (miniBatch < 1) {
      throw new InvalidOptionException("--mini-batch", miniBatch, "must be >= 1 rows");
    }
    if (selection != null) {
      throw new InvalidOptionException(
          "--k", k, "must be one number with --mini-batch; choose k with a full fit on a sample");
    }
    if (weight != null) {
      throw new InvalidOptionException(
          "--weight", weight, "is not used by --mini-batch, which draws rows, not weights");
    }
    MiniBatchKMeans mini =
        Segmentation.miniBatchKMeans()
            .k(SelectionOptions.parseRange("--k", k)[0])
            .batchSize(miniBatch)
            .seed(seed)
            .preprocess(Scaling.byName(in.scale));
    if (in.threads != null) {
      mini.threads(in.threads);
    }
    Dataset data = in.load(null, err);
    SegmentationResult<KMeansModel> result =
        ProgressBar.around(err, bar -> mini.progress(bar).fit(data));
    out.println(in.describe(data));
    FitSummary s = result.summary();
    Report.print(
        out,
        data,
        result,
        String.format(
            Locale.ROOT,
            "inertia %.6g, %d steps of %d rows (%s), %d distance computations, fit %d ms",
            s.objective(),
            s.iterations(),
            Math.min(miniBatch, data.numRows()),
            s.converged() ? "stopped: no improvement" : "step limit reached",
            s.distanceComputations(),
            s.elapsed().toMillis()));
    choice.printStability(out, mini.progress(ProgressListener.NONE), data, result.labels(), seed);
    return written(out, data, result);
  }

  /** k-prototypes on numeric and --categorical columns: one k, the same outputs, a profile. */
  private Integer prototypes(KSelection selection, PrintWriter out, PrintWriter err) {
    if (selection != null) {
      throw new InvalidOptionException(
          "--k", k, "must be one number with --categorical (k-prototypes)");
    }
    if (miniBatch != null) {
      throw new InvalidOptionException(
          "--mini-batch", miniBatch, "is for numeric columns; k-prototypes runs full passes");
    }
    KPrototypes fit =
        Segmentation.kprototypes()
            .k(SelectionOptions.parseRange("--k", k)[0])
            .seed(seed)
            .restarts(restarts)
            .init(prototypeInit)
            .maxIterations(maxIterations)
            .preprocess(Scaling.byName(in.scale));
    if (gamma != null) {
      fit.gamma(gamma);
    }
    if (in.threads != null) {
      fit.threads(in.threads);
    }
    MixedDataset data = in.loadMixed(weight, err);
    SegmentationResult<KPrototypesModel> result =
        ProgressBar.around(err, bar -> fit.progress(bar).fit(data));
    out.println(in.describe(data));
    FitSummary s = result.summary();
    out.printf(
        Locale.ROOT,
        "%s: %d rows, %d segments%n",
        s.algorithm(),
        result.numRows(),
        result.model().numSegments());
    out.printf(
        Locale.ROOT,
        "cost %.6g (gamma %.4g per mismatch), %d iterations (%s), fit %d ms%n",
        s.objective(),
        result.model().gamma(),
        s.iterations(),
        s.converged() ? "converged" : "iteration limit reached",
        s.elapsed().toMillis());
    MixedReport.print(out, data, result.labels(), result.model().numSegments());
    if (output != null) {
      Report.writeColumns(
          output,
          data.rowIds().orElse(null),
          result.labels(),
          List.of(),
          i -> new String[0],
          in.id,
          csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    if (report != null) {
      String html =
          CategoricalReport.page(
              data, result.labels(), result.model(), in.input.getFileName().toString());
      AtomicFiles.write(report, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
      out.println("wrote the report to " + report);
    }
    saving.save(out, result.model());
    return 0;
  }

  /** Writes the labels and the model when asked; the exit code. */
  private int written(PrintWriter out, Dataset data, SegmentationResult<KMeansModel> result) {
    if (output != null) {
      Report.writeLabels(output, data, result.labels(), null, null, in.id, csv);
      out.println("wrote " + data.numRows() + " rows to " + output);
    }
    saving.save(out, result.model());
    return 0;
  }

  /**
   * Passes progress on and adds up the time spent seeding: a K-means fit reports step 0 when a
   * restart's seeding ends, so each seeding lasts from the previous report (or the start).
   */
  static final class SeedingClock {
    private long last = System.nanoTime();
    private long seeding;

    ProgressListener around(ProgressListener next) {
      return p -> {
        long now = System.nanoTime();
        if (p.step() == 0) {
          seeding += now - last;
        }
        last = now;
        return next.onProgress(p);
      };
    }

    long millis() {
      return seeding / 1_000_000;
    }
  }
}
