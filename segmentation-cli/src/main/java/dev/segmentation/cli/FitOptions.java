package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.fit.SegmenterBuilder;
import dev.segmentation.core.model.PrototypeModel;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.Hierarchical;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.som.Som;
import dev.segmentation.som.SomModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * {@code --k}, {@code --algorithm}, {@code --seed} and the fit they describe, for the commands that
 * explain or report on a nearest-prototype model (K-means, Ward, SOM).
 */
final class FitOptions {
  @Option(
      names = "--k",
      required = true,
      description = "Number of segments, or a range lo..hi to choose from.")
  String k;

  @Option(
      names = "--algorithm",
      defaultValue = "kmeans",
      description = "kmeans, ward or som (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  /**
   * What the commands use of a fit.
   *
   * @param result the fit
   * @param again the same configuration with the chosen number of segments, for stability refits
   */
  record Fitted(SegmentationResult<? extends PrototypeModel> result, Segmenter<?> again) {
    Explainer explainer() {
      return Explainer.of(result.model());
    }

    FittedScaling scaling() {
      return result.model().scaling();
    }

    /** The tree a Ward fit was cut from, or null. */
    Dendrogram tree() {
      return result.model() instanceof HierarchicalModel h ? h.dendrogram().orElse(null) : null;
    }

    /** The map of a SOM fit, or null. */
    SomModel som() {
      return result.model() instanceof SomModel m ? m : null;
    }
  }

  /** Checks the options before any data is read. */
  KSelection selection(SelectionOptions choice) {
    String a = algorithm.toLowerCase(Locale.ROOT);
    if (!a.equals("kmeans") && !a.equals("ward") && !a.equals("som")) {
      throw new InvalidOptionException(
          "--algorithm", "'" + algorithm + "'", "must be kmeans, ward or som");
    }
    return choice.selection("--k", k, seed);
  }

  /** Fits, in the command's progress display, and prints the selection table if any. */
  Fitted fit(
      Dataset data,
      Scaling scaling,
      KSelection selection,
      Integer threads,
      PrintWriter out,
      ProgressBar progress) {
    int fixed = SelectionOptions.parseRange("--k", k)[0];
    progress.phase(
        String.format(
            Locale.ROOT,
            "fitting %s, k = %s, on %,d customers",
            algorithm.toLowerCase(Locale.ROOT),
            selection != null ? selection.min() + ".." + selection.max() : Integer.toString(fixed),
            data.numRows()));
    Run run = new Run(data, scaling, selection, fixed, progress);
    Fitted f =
        switch (algorithm.toLowerCase(Locale.ROOT)) {
          case "ward" ->
              run.fit(
                  Segmentation.hierarchical().linkage(Linkage.WARD),
                  null,
                  Hierarchical::k,
                  Hierarchical::k);
          case "som" ->
              run.fit(Segmentation.som().seed(seed), threads, Som::segments, Som::segments);
          default ->
              run.fit(Segmentation.kmeans().seed(seed).restarts(4), threads, KMeans::k, KMeans::k);
        };
    SelectionOptions.printTable(out, f.result());
    return f;
  }

  /** What every family's fit shares: the data, preprocessing, k or selection, progress. */
  private record Run(
      Dataset data, Scaling scaling, KSelection selection, int fixed, ProgressBar progress) {
    /**
     * Fits any of the builders the same way: the shared preprocessing, threads and progress bar, a
     * fixed k or a selection, and the same configuration at the chosen k for refits.
     */
    <B extends SegmenterBuilder<B, M>, M extends PrototypeModel> Fitted fit(
        B builder,
        Integer threads,
        BiFunction<B, Integer, B> k,
        BiFunction<B, KSelection, B> choose) {
      builder.preprocess(scaling);
      if (threads != null) {
        builder.threads(threads);
      }
      B configured = selection != null ? choose.apply(builder, selection) : k.apply(builder, fixed);
      SegmentationResult<M> r;
      try {
        r = configured.progress(progress).fit(data);
      } finally {
        progress.done();
      }
      B again = k.apply(configured.progress(ProgressListener.NONE), r.model().numSegments());
      return new Fitted(r, again);
    }
  }
}
