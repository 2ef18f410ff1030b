package dev.segmentation.customer;

/**
 * The customer features {@link CustomerFeatures} computes from a transaction log, each a named
 * column of the result. Notation for one customer, as of date {@code T}, over the lines dated on or
 * before {@code T}: a <em>sale</em> line is worth its amount; a <em>return</em> line (flagged
 * returned, a negative amount, or a negative quantity under {@link NegativeQuantityPolicy#RETURN})
 * is worth the absolute value of its amount. An <em>order</em> is the lines sharing an order id
 * (without order ids: the customer's lines of one day); a <em>purchase</em> is an order with at
 * least one sale line. {@code F} purchases on days {@code t_1 <= ... <= t_F}, order values {@code
 * v_i} (sum of sale lines), {@code G = sum v_i}, returned value {@code R}, discounts {@code D},
 * cost of goods on sale lines {@code C} (0 without a cost column).
 */
public enum Feature {
  /** {@code T - t_F}: days since the last purchase. */
  RECENCY("recency_days"),
  /** {@code F}: number of purchases. */
  FREQUENCY("frequency"),
  /** {@code G - R}: net value, sales minus returns. */
  MONETARY_TOTAL("monetary_total"),
  /** {@code G / F}: mean purchase value. */
  MONETARY_MEAN("monetary_mean"),
  /** {@code T - t_1}: days since the first purchase. */
  TENURE("tenure_days"),
  /**
   * Mean days between purchases, {@code (t_F - t_1) / (F - 1)}; for a single purchase the days
   * since it, {@code T - t_1} (the gap is at least that long).
   */
  INTERPURCHASE_MEAN("interpurchase_days"),
  /**
   * Coefficient of variation (population standard deviation over mean) of the gaps {@code t_(i+1) -
   * t_i}: how steadily the customer buys; 0 with fewer than two gaps or a mean gap of 0.
   */
  INTERPURCHASE_CV("interpurchase_cv"),
  /** Coefficient of variation of the purchase values {@code v_i}; 0 for one purchase. */
  ORDER_VALUE_CV("order_value_cv"),
  /** {@code D / (G + D)}: share of the list price given as discount; 0 without discounts. */
  DISCOUNT_SHARE("discount_share"),
  /**
   * {@code R / G}: returned value per value bought (may exceed 1 when goods bought before the log
   * are returned); 1 if {@code G = 0 < R}, 0 if both are 0.
   */
  RETURN_RATE("return_rate"),
  /**
   * {@code (G - R - C) / (G + D)}: the share of the list price the business keeps after returns and
   * refunds, discounts and the cost of goods; 0 if {@code G + D = 0}. Below 0 the customer costs
   * more than they bring (the "margin destroyers"). Without a cost column it is {@code (1 - return
   * rate)(1 - discount share)}. Returned goods' cost is not given back: a return rarely resells at
   * full value, so the measure errs on the side of the business.
   */
  MARGIN_RATE("margin_rate"),
  /**
   * Share of {@code G} bought in the first quarter of the tenure (on days {@code <= t_1 + (T - t_1)
   * / 4}): near 1 for customers who bought early and stopped, near 0.25 for a steady pace; 1 when
   * the tenure is 0.
   */
  FIRST_QUARTER_SHARE("first_quarter_share"),
  /**
   * Recency quintile score 1-5, 5 = most recent: {@code 1 + floor(5 w / n)} with {@code w} the
   * customers with a strictly longer recency (ties share a score).
   */
  R_SCORE("r_score"),
  /** Frequency quintile score 1-5, 5 = most purchases, ties share a score (as {@link #R_SCORE}). */
  F_SCORE("f_score"),
  /** Monetary quintile score 1-5 on {@link #MONETARY_TOTAL}, 5 = highest, ties share a score. */
  M_SCORE("m_score"),
  /**
   * The {@link BusinessState} as a number ({@code 0} new, {@code 1} active, {@code 2} lapsing,
   * {@code 3} churned). Not in the default set: a code is not a quantity to segment on.
   */
  STATE("state");

  private final String column;

  Feature(String column) {
    this.column = column;
  }

  /**
   * Returns the column name of the feature in the customer table.
   *
   * @return for example {@code recency_days}
   */
  public String column() {
    return column;
  }

  /** The position of the feature in the computation's row of all features: declaration order. */
  @SuppressWarnings("EnumOrdinal") // the layout is by declaration order on purpose
  int slot() {
    return ordinal();
  }
}
