package dev.segmentation.examples;

import dev.segmentation.Segmentation;
import dev.segmentation.api.Dataset;
import dev.segmentation.api.SegmentationResult;
import dev.segmentation.core.evaluate.Criterion;
import dev.segmentation.core.evaluate.KSelection;
import dev.segmentation.core.preprocess.Scaling;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.Snapshot;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.Transitions;
import dev.segmentation.customer.profile.Explainer;
import dev.segmentation.customer.profile.Memberships;
import dev.segmentation.customer.profile.SegmentProfiles;
import dev.segmentation.datasets.SampleDatasets;
import dev.segmentation.kmeans.KMeansModel;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The whole path on a real purchase log: the CDNOW transactions (Fader, Hardie and Lee 2005;
 * bundled) -> customer features as of the end of 1997 -> the number of segments chosen by
 * silhouette with no segment under 5% -> segments -> profiles -> explanations of single customers
 * -> soft memberships and atypical customers to review -> holdout groups -> a second snapshot at
 * mid-1998, refitted, aligned to the first, and the transitions between the two.
 *
 * <p>Three customers who "opted out" are removed before anything is computed; the example checks
 * that they appear nowhere.
 */
public final class CdnowJourney {
  /** Customers removed as if they had opted out of profiling. */
  public static final Set<String> OPTED_OUT = Set.of("00007", "00100", "12345");

  /** The columns the segments are fitted on. */
  private static final String[] COLUMNS = {
    Feature.RECENCY.column(),
    Feature.FREQUENCY.column(),
    Feature.MONETARY_TOTAL.column(),
    Feature.MONETARY_MEAN.column()
  };

  private CdnowJourney() {}

  /**
   * What the run produced, for tests and callers.
   *
   * @param december the customer table as of 1997-12-31
   * @param june the customer table as of 1998-06-30
   * @param segments the December segmentation
   * @param profiles the December profiles
   * @param transitions December to June, June segments aligned to December's
   * @param heldOut customers in the holdout group, per December segment
   * @param between customers between two segments (intersection audiences)
   * @param atypical customers flagged as too far from every segment, to review
   */
  public record Journey(
      CustomerTable december,
      CustomerTable june,
      SegmentationResult<KMeansModel> segments,
      SegmentProfiles profiles,
      Transitions transitions,
      List<Integer> heldOut,
      int between,
      int atypical) {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the whole path and prints every step.
   *
   * @param out where to print
   * @return what was computed
   */
  public static Journey run(PrintStream out) {
    TransactionLog log = SampleDatasets.cdnowTransactions();
    out.println("CDNOW: " + log);

    // 1. features as of the end of 1997
    CustomerTable december =
        CustomerFeatures.asOf(LocalDate.of(1997, 12, 31)).optOut(OPTED_OUT).compute(log);
    out.println(december.summary());
    Dataset fitOn = december.dataset().select(COLUMNS);

    // 2. k selection under a business constraint, 3. segments
    Scaling scaling = Scaling.log1p().then(Scaling.standard());
    SegmentationResult<KMeansModel> segments =
        Segmentation.kmeans()
            .k(KSelection.range(2, 8).by(Criterion.SILHOUETTE).minShare(0.05).preferred(4, 8))
            .restarts(4)
            .seed(7)
            .preprocess(scaling)
            .fit(fitOn);
    out.print(segments.selection().orElseThrow().toText());
    KMeansModel model = segments.model();
    int k = model.numSegments();

    // 5. soft memberships and atypical customers to review (farthest 1% from their segment)
    Explainer explainer = Explainer.of(model);
    Memberships memberships = explainer.memberships(fitOn);
    int between = count(memberships.between());
    boolean[] far = explainer.farFromSegment(fitOn, 0.99);
    out.printf(
        Locale.ROOT,
        "%d customers lie between two segments (tau %.3g); %d are atypical, to review%n",
        between,
        memberships.temperature(),
        count(far));

    // 4. profiles, with the other features averaged per segment
    SegmentProfiles profiles =
        SegmentProfiles.of(fitOn, segments.labels())
            .extras(
                december
                    .dataset()
                    .select(Feature.TENURE.column(), Feature.INTERPURCHASE_MEAN.column()))
            .states(december.states())
            .atypical(far)
            .compute();
    out.print(profiles.toText());

    // explanations of three customers
    List<String> ids = december.customerIds();
    for (int row : new int[] {0, 2, 100}) {
      out.println(explainer.explain(fitOn.row(row)).text(ids.get(row)));
    }

    // 6. holdouts: 10% of every segment, 20% of the first, stable under adds and removals
    Holdout holdout = Holdout.of("cdnow-1998-campaign", 0.10).fraction(0, 0.20);
    boolean[] held = holdout.flags(ids, segments.labels());
    Integer[] perSegment = new Integer[k];
    java.util.Arrays.fill(perSegment, 0);
    for (int i = 0; i < held.length; i++) {
      if (held[i]) {
        perSegment[segments.label(i)]++;
      }
    }
    out.println("holdout customers per segment: " + List.of(perSegment));

    // 7. June snapshot: refit with the chosen k, align identities, compare
    CustomerTable june =
        CustomerFeatures.asOf(LocalDate.of(1998, 6, 30)).optOut(OPTED_OUT).compute(log);
    Dataset juneFit = june.dataset().select(COLUMNS);
    KMeansModel juneModel =
        Segmentation.kmeans()
            .k(k)
            .restarts(4)
            .seed(7)
            .preprocess(scaling)
            .fit(juneFit)
            .model()
            .alignedTo(model);
    Transitions transitions =
        Transitions.between(
            Snapshot.of(december.asOf(), ids, segments.labels()),
            Snapshot.of(june.asOf(), june.customerIds(), juneModel.assignAll(juneFit)));
    out.print(transitions.toText());
    return new Journey(
        december, june, segments, profiles, transitions, List.of(perSegment), between, count(far));
  }

  private static int count(boolean[] flags) {
    int c = 0;
    for (boolean f : flags) {
      c += f ? 1 : 0;
    }
    return c;
  }
}
