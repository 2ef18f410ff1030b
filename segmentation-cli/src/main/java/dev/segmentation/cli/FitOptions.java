package dev.segmentation.cli;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.api.ProgressListener;
import dev.segmentation.api.SegmentModel;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.api.Segmenter;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.FittedScaling;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.hierarchical.Dendrogram;
import dev.segmentation.hierarchical.HierarchicalModel;
import dev.segmentation.hierarchical.Linkage;
import dev.segmentation.kmeans.KMeans;
import dev.segmentation.kmeans.KMeansModel;
import dev.segmentation.som.SomModel;
import java.io.PrintWriter;
import java.util.Locale;
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
   * @param again the same configuration with the chosen number of segments, for stability refits
   */
  record Fitted(
      SegmentationResult<? extends SegmentModel> result,
      Explainer explainer,
      FittedScaling scaling,
      Dendrogram tree,
      SomModel som,
      Segmenter<?> again) {}

  /** Checks the options before any data is read. */
  KSelection selection(SelectionOptions choice) {
    String a = algorithm.toLowerCase(Locale.ROOT);
    if (!a.equals("kmeans") && !a.equals("ward") && !a.equals("som")) {
      throw new InvalidOptionException(
          "--algorithm", "'" + algorithm + "'", "must be kmeans, ward or som");
    }
    return choice.selection("--k", k, seed);
  }

  /** Fits, with a progress bar on {@code err}, and prints the selection table if any. */
  Fitted fit(
      Dataset data,
      Scaling scaling,
      KSelection selection,
      Integer threads,
      PrintWriter out,
      PrintWriter err) {
    int fixed = SelectionOptions.parseRange("--k", k)[0];
    Fitted f;
    switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "ward" -> {
        Dendrogram tree =
            ProgressBar.around(
                err,
                bar ->
                    Segmentation.hierarchical()
                        .linkage(Linkage.WARD)
                        .preprocess(scaling)
                        .progress(bar)
                        .fit(data));
        SegmentationResult<HierarchicalModel> r =
            selection != null ? tree.segmentation(selection) : tree.segmentation(fixed);
        int cut = r.model().numSegments();
        Segmenter<HierarchicalModel> again =
            d ->
                Segmentation.hierarchical()
                    .linkage(Linkage.WARD)
                    .preprocess(scaling)
                    .fit(d)
                    .segmentation(cut);
        f = new Fitted(r, Explainer.of(r.model()), r.model().scaling(), tree, null, again);
      }
      case "som" -> {
        var som = Segmentation.som().seed(seed).preprocess(scaling);
        if (threads != null) {
          som.threads(threads);
        }
        SegmentationResult<SomModel> r =
            ProgressBar.around(
                err,
                bar ->
                    (selection != null ? som.segments(selection) : som.segments(fixed))
                        .progress(bar)
                        .fit(data));
        Segmenter<SomModel> again =
            som.progress(ProgressListener.NONE).segments(r.model().numSegments());
        f = new Fitted(r, Explainer.of(r.model()), r.model().scaling(), null, r.model(), again);
      }
      default -> {
        KMeans km = Segmentation.kmeans().seed(seed).restarts(4).preprocess(scaling);
        if (threads != null) {
          km.threads(threads);
        }
        SegmentationResult<KMeansModel> r =
            ProgressBar.around(
                err,
                bar -> (selection != null ? km.k(selection) : km.k(fixed)).progress(bar).fit(data));
        Segmenter<KMeansModel> again =
            km.progress(ProgressListener.NONE).k(r.model().numSegments());
        f = new Fitted(r, Explainer.of(r.model()), r.model().scaling(), null, null, again);
      }
    }
    SelectionOptions.printTable(out, f.result());
    return f;
  }
}
