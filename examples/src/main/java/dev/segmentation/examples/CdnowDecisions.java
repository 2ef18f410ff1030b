package dev.segmentation.examples;

import dev.segmentation.api.Dataset;
import dev.segmentation.customer.CustomerFeatures;
import dev.segmentation.customer.CustomerTable;
import dev.segmentation.customer.Feature;
import dev.segmentation.customer.Holdout;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.CustomerValue;
import dev.segmentation.customer.clv.GammaGamma;
import dev.segmentation.customer.decide.CustomerColumns;
import dev.segmentation.customer.decide.DecisionRules;
import dev.segmentation.customer.propensity.LabelledWindow;
import dev.segmentation.customer.propensity.LabelledWindow.Target;
import dev.segmentation.customer.propensity.LogisticRegression;
import dev.segmentation.datasets.SampleDatasets;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From the bundled CDNOW log to decisions as of 1997-12-31: features and business states, a 90-day
 * purchase propensity trained on the quarter before, BG/NBD and Gamma-Gamma lifetime values, and
 * the starting rule table ({@link DecisionRules#template()}) placing every customer in one decision
 * segment, exclusion or no action, with a 10% holdout per segment. Opted-out customers ({@link
 * CdnowJourney#OPTED_OUT}) are left out before anything.
 */
public final class CdnowDecisions {
  private CdnowDecisions() {}

  /** The cutoff of the decisions. */
  public static final LocalDate AS_OF = LocalDate.of(1997, 12, 31);

  /** The placed customers: the columns the rules saw, the rule table, each customer's rule. */
  public static final class Decisions {
    private final CustomerColumns table;
    private final DecisionRules rules;
    private final int[] placed;

    Decisions(CustomerColumns table, DecisionRules rules, int[] placed) {
      this.table = table;
      this.rules = rules;
      this.placed = placed;
    }

    /**
     * Returns the columns the rules saw.
     *
     * @return the table
     */
    public CustomerColumns table() {
      return table;
    }

    /**
     * Returns the rule table.
     *
     * @return the rules
     */
    public DecisionRules rules() {
      return rules;
    }

    /**
     * Returns each customer's rule index, -1 for no action.
     *
     * @return a copy
     */
    public int[] placed() {
      return placed.clone();
    }
  }

  /**
   * Runs the path and prints each decision's size and holdout.
   *
   * @param out where to print
   * @return the decisions
   */
  public static Decisions run(PrintStream out) {
    TransactionLog log = SampleDatasets.cdnowTransactions();
    CustomerTable features =
        CustomerFeatures.asOf(AS_OF)
            .features(
                Feature.STATE,
                Feature.RECENCY,
                Feature.FREQUENCY,
                Feature.MONETARY_TOTAL,
                Feature.MONETARY_MEAN,
                Feature.DISCOUNT_SHARE,
                Feature.RETURN_RATE,
                Feature.MARGIN_RATE,
                Feature.F_SCORE,
                Feature.M_SCORE)
            .optOut(CdnowJourney.OPTED_OUT)
            .compute(log);
    // the propensity: trained on the 90 days after 1997-10-02, scored as of the cutoff
    LabelledWindow train =
        LabelledWindow.at(AS_OF.minusDays(90), 90).optOut(CdnowJourney.OPTED_OUT).compute(log);
    LogisticRegression model =
        LogisticRegression.fitter().fit(train.features().dataset(), train.labels(Target.PURCHASE));
    CustomerTable now = CustomerFeatures.asOf(AS_OF).optOut(CdnowJourney.OPTED_OUT).compute(log);
    double[] probability = model.probabilities(now.dataset());
    // lifetime values over the next 52 weeks
    CalibrationSummary summary =
        CalibrationSummary.until(AS_OF).optOut(CdnowJourney.OPTED_OUT).compute(log);
    CustomerValue value =
        CustomerValue.score(summary, BgNbd.fit(summary), GammaGamma.fit(summary), 52, 0.01);
    List<String> ids = features.customerIds();
    int[] valueRow = summary.rowsOf(ids);
    Dataset data = features.dataset();
    Map<String, double[]> numbers = new LinkedHashMap<>();
    for (String c : data.columnNames()) {
      if (!c.equals("state")) {
        double[] v = new double[ids.size()];
        int j = data.columnIndex(c);
        for (int i = 0; i < v.length; i++) {
          v[i] = data.get(i, j);
        }
        numbers.put(c, v);
      }
    }
    double[] alive = new double[ids.size()];
    double[] clv = new double[ids.size()];
    String[] state = new String[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      int r = valueRow[i];
      alive[i] = value.probabilityAlive(r);
      clv[i] = value.lifetimeValue(r);
      state[i] = features.states()[i].name();
    }
    numbers.put("probability", probability);
    numbers.put("p_alive", alive);
    numbers.put("clv", clv);
    CustomerColumns table = CustomerColumns.of(ids, numbers, Map.of("state", state));
    DecisionRules rules = DecisionRules.fromJson(DecisionRules.template(), "template");
    int[] placed = rules.apply(table, CdnowJourney.OPTED_OUT);
    Holdout hold = Holdout.of("cdnow-decisions", 0.10);
    out.printf("CDNOW decisions as of %s for %d customers:%n", AS_OF, ids.size());
    for (int k = -1; k < rules.rules().size(); k++) {
      int size = 0;
      int held = 0;
      double worth = 0;
      for (int i = 0; i < placed.length; i++) {
        if (placed[i] == k) {
          size++;
          held += hold.isHeldOut(ids.get(i), 0) ? 1 : 0;
          worth += clv[i];
        }
      }
      out.printf(
          "  %-27s %6d customers, %5d held out, lifetime value %,.0f%n",
          k < 0 ? "no action" : rules.rules().get(k).name(), size, held, worth);
    }
    return new Decisions(table, rules, placed);
  }

  /**
   * Prints the decisions.
   *
   * @param args none
   */
  public static void main(String[] args) {
    run(System.out);
  }
}
