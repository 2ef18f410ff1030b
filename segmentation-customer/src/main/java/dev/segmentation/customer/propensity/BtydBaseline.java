package dev.segmentation.customer.propensity;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.customer.NegativeQuantityPolicy;
import dev.segmentation.customer.TransactionLog;
import dev.segmentation.customer.clv.BgNbd;
import dev.segmentation.customer.clv.CalibrationSummary;
import dev.segmentation.customer.clv.TimeScale;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The buy-till-you-die baseline a propensity model should beat: a BG/NBD (Fader, Hardie and Lee
 * 2005) fitted by maximum likelihood on every purchase up to a window's cutoff, in days, scoring
 * each customer's probability of at least one purchase in the window ({@link
 * BgNbd#probabilityOfPurchase}). It needs no labels, so it sees exactly what the features see.
 * Defined for the {@link LabelledWindow.Target#PURCHASE} target and its complement {@link
 * LabelledWindow.Target#CHURN}; the BG/NBD says nothing of returns or discounts (nor of two or more
 * purchases, {@code REPEAT}). Cost: one BG/NBD fit (a few hundred likelihood evaluations over the
 * compressed summary) plus O(n). Immutable.
 */
public final class BtydBaseline {
  private final BgNbd model;
  private final List<String> customerIds;
  private final double[] purchase;

  private BtydBaseline(BgNbd model, List<String> customerIds, double[] purchase) {
    this.model = Objects.requireNonNull(model, "model");
    this.customerIds = List.copyOf(customerIds);
    this.purchase = purchase;
  }

  /**
   * Returns the fitted BG/NBD.
   *
   * @return the model
   */
  public BgNbd model() {
    return model;
  }

  /**
   * Returns the window's customers, in its order.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return customerIds;
  }

  /**
   * Returns whether the baseline predicts a target.
   *
   * @param target the target
   * @return true for {@code PURCHASE} and {@code CHURN}
   */
  public static boolean predicts(LabelledWindow.Target target) {
    return target == LabelledWindow.Target.PURCHASE || target == LabelledWindow.Target.CHURN;
  }

  /**
   * Fits the baseline for a window's customers.
   *
   * @param log the log the window was computed from
   * @param window the window (its cutoff and horizon)
   * @param optOut the ids the window left out
   * @param negativeQuantities the window's policy for negative quantities
   * @return the fitted model and one probability per customer of the window
   * @throws InvalidDataException if the BG/NBD cannot be fitted (for example no repeat purchase)
   * @throws NullPointerException if an argument is null
   */
  public static BtydBaseline fit(
      TransactionLog log,
      LabelledWindow window,
      Collection<String> optOut,
      NegativeQuantityPolicy negativeQuantities) {
    CalibrationSummary s =
        CalibrationSummary.until(window.cutoff())
            .scale(TimeScale.DAYS)
            .optOut(optOut)
            .negativeQuantities(negativeQuantities)
            .compute(log);
    BgNbd bg = BgNbd.fit(s);
    List<String> ids = window.features().customerIds();
    int[] row = s.rowsOf(ids);
    double[] p = new double[ids.size()];
    for (int i = 0; i < p.length; i++) {
      int r = row[i];
      if (r < 0) {
        // both count a customer from the first purchase on or before the cutoff
        throw new InvalidDataException(
            "customer '"
                + ids.get(i)
                + "' has features but no BG/NBD summary at "
                + window.cutoff());
      }
      p[i] = bg.probabilityOfPurchase(window.horizonDays(), s.frequency(r), s.recency(r), s.age(r));
    }
    return new BtydBaseline(bg, ids, p);
  }

  /**
   * Returns the baseline's score for a target: P(purchase) for {@code PURCHASE}, 1 - P(purchase)
   * for {@code CHURN}.
   *
   * @param target the target
   * @return one score per customer, in the order of {@link #customerIds()}
   * @throws dev.segmentation.api.InvalidOptionException for a target it does not {@link #predicts}
   */
  public double[] scores(LabelledWindow.Target target) {
    return switch (target) {
      case PURCHASE -> purchase.clone();
      case CHURN -> {
        double[] q = new double[purchase.length];
        for (int i = 0; i < q.length; i++) {
          q[i] = 1 - purchase[i];
        }
        yield q;
      }
      default ->
          throw new dev.segmentation.api.InvalidOptionException(
              "target", target.name(), "has no BG/NBD baseline (purchase and churn have)");
    };
  }
}
