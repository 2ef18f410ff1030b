package dev.segmentation.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentation.api.Dataset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every feature formula against a plain reference written out here, on random logs. */
class CustomerFeaturesProperties {

  record Line(
      String customer,
      LocalDate date,
      double amount,
      double quantity,
      String order,
      double discount,
      double cost,
      boolean returned) {}

  static final LocalDate START = LocalDate.of(2025, 1, 1);

  static List<Line> randomLog(SplittableRandom rng, int customers, int lines, boolean orders) {
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      String c = "c" + rng.nextInt(customers);
      LocalDate date = START.plusDays(rng.nextInt(400));
      int kind = rng.nextInt(10);
      double amount = kind == 0 ? 0 : Math.round(rng.nextDouble(-20, 200) * 100) / 100.0;
      boolean returned = kind == 1;
      double quantity = returned && rng.nextBoolean() ? -1 - rng.nextInt(3) : 1 + rng.nextInt(4);
      String order = orders ? c + "-" + date + "-" + rng.nextInt(2) : null;
      double discount = rng.nextInt(4) == 0 ? Math.round(rng.nextDouble(0, 10) * 100) / 100.0 : 0;
      double cost = rng.nextInt(3) == 0 ? Math.round(rng.nextDouble(0, 150) * 100) / 100.0 : 0;
      out.add(new Line(c, date, amount, quantity, order, discount, cost, returned));
    }
    return out;
  }

  static TransactionLog log(List<Line> lines) {
    TransactionLog.Builder b = TransactionLog.builder();
    for (Line l : lines) {
      b.add(
          l.customer, l.date, l.amount, l.quantity, l.order, null, l.discount, l.cost, l.returned);
    }
    return b.build();
  }

  /** The features of one customer by the formulas of {@link Feature}, the plain way. */
  static double[] reference(List<Line> mine, LocalDate asOf) {
    // orders: by order id, or by day without ids; keyed by day first so they come in date order
    TreeMap<String, List<Line>> orders = new TreeMap<>();
    for (Line l : mine) {
      String key = l.date + "|" + (l.order == null ? "" : l.order);
      orders.computeIfAbsent(key, x -> new ArrayList<>()).add(l);
    }
    List<Long> days = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double returnedValue = 0;
    double discounts = 0;
    double costs = 0;
    for (List<Line> o : orders.values()) {
      double sale = 0;
      boolean any = false;
      for (Line l : o) {
        boolean ret = l.returned || l.amount < 0 || l.quantity < 0;
        if (ret) {
          returnedValue += Math.abs(l.amount);
        } else {
          sale += l.amount;
          discounts += l.discount;
          costs += l.cost;
          any = true;
        }
      }
      if (any) {
        days.add(o.get(0).date.toEpochDay());
        values.add(sale);
      }
    }
    if (days.isEmpty()) {
      return null;
    }
    int f = days.size();
    long t = asOf.toEpochDay();
    double gross = values.stream().mapToDouble(Double::doubleValue).sum();
    double tenure = t - days.get(0);
    double meanGap = f > 1 ? (double) (days.get(f - 1) - days.get(0)) / (f - 1) : tenure;
    double gapCv = 0;
    if (f > 2 && meanGap > 0) {
      double ss = 0;
      for (int i = 1; i < f; i++) {
        ss += Math.pow(days.get(i) - days.get(i - 1) - meanGap, 2);
      }
      gapCv = Math.sqrt(ss / (f - 1)) / meanGap;
    }
    double mean = gross / f;
    double valueCv = 0;
    if (f > 1 && mean != 0) {
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      valueCv = Math.sqrt(ss / f) / Math.abs(mean);
    }
    double early = 0;
    for (int i = 0; i < f; i++) {
      if (days.get(i) <= days.get(0) + tenure / 4) {
        early += values.get(i);
      }
    }
    return new double[] {
      t - days.get(f - 1),
      f,
      gross - returnedValue,
      mean,
      tenure,
      meanGap,
      gapCv,
      valueCv,
      gross + discounts > 0 ? discounts / (gross + discounts) : 0,
      gross > 0 ? returnedValue / gross : returnedValue > 0 ? 1 : 0,
      gross + discounts > 0 ? (gross - returnedValue - costs) / (gross + discounts) : 0,
      tenure == 0 || gross == 0 ? 1 : early / gross
    };
  }

  @Property(tries = 200)
  void everyFeatureMatchesThePlainFormulas(
      @ForAll @IntRange(min = 1, max = 40) int customers,
      @ForAll @IntRange(min = 1, max = 300) int lines,
      @ForAll boolean withOrders,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Line> all = randomLog(rng, customers, lines, withOrders);
    LocalDate asOf = START.plusDays(rng.nextInt(450));
    Set<String> optOut = new HashSet<>();
    for (int c = 0; c < customers; c++) {
      if (rng.nextInt(5) == 0) {
        optOut.add("c" + c);
      }
    }
    Map<String, List<Line>> byCustomer = new LinkedHashMap<>();
    int after = 0;
    int optedOutLines = 0;
    for (Line l : all) {
      byCustomer.computeIfAbsent(l.customer, x -> new ArrayList<>());
      if (optOut.contains(l.customer)) {
        optedOutLines++;
      } else if (l.date.isAfter(asOf)) {
        after++;
      } else {
        byCustomer.get(l.customer).add(l);
      }
    }
    Map<String, double[]> expected = new LinkedHashMap<>();
    int withoutPurchase = 0;
    for (var e : byCustomer.entrySet()) {
      if (optOut.contains(e.getKey())) {
        continue;
      }
      double[] f = reference(e.getValue(), asOf);
      if (f == null) {
        withoutPurchase++;
      } else {
        expected.put(e.getKey(), f);
      }
    }
    CustomerFeatures features =
        CustomerFeatures.asOf(asOf)
            .optOut(optOut)
            .negativeQuantities(NegativeQuantityPolicy.RETURN);
    if (expected.isEmpty()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> features.compute(log(all)))
          .hasMessageContaining("no customer has a purchase");
      return;
    }
    CustomerTable table = features.compute(log(all));
    Dataset data = table.dataset();
    assertThat(table.customerIds()).containsExactlyElementsOf(expected.keySet());
    for (String id : optOut) {
      assertThat(table.customerIds()).doesNotContain(id);
    }
    assertThat(table.linesAfterAsOf()).isEqualTo(after);
    assertThat(table.optedOutLines()).isEqualTo(optedOutLines);
    assertThat(table.customersWithoutPurchase()).isEqualTo(withoutPurchase);
    Feature[] order = Feature.values();
    List<double[]> rows = new ArrayList<>(expected.values());
    for (int r = 0; r < rows.size(); r++) {
      for (int j = 0; j < rows.get(r).length; j++) {
        double want = rows.get(r)[j];
        double got = data.get(r, data.columnIndex(order[j].column()));
        assertThat(got)
            .as(order[j] + " of " + table.customerIds().get(r))
            .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(want))));
      }
    }
    // quintile scores: 1 + floor(5 * strictly worse / n)
    int n = rows.size();
    for (int r = 0; r < n; r++) {
      int worseR = 0;
      int worseF = 0;
      int worseM = 0;
      // money compared to a millionth, as documented: equal totals summed in other orders tie
      double[] mine = rows.get(r);
      for (double[] o : rows) {
        worseR += o[0] > mine[0] ? 1 : 0;
        worseF += o[1] < mine[1] ? 1 : 0;
        worseM += CustomerFeatures.comparable(o[2]) < CustomerFeatures.comparable(mine[2]) ? 1 : 0;
      }
      assertThat(data.get(r, data.columnIndex("r_score")))
          .isEqualTo(1 + Math.floor(5.0 * worseR / n));
      assertThat(data.get(r, data.columnIndex("f_score")))
          .isEqualTo(1 + Math.floor(5.0 * worseF / n));
      assertThat(data.get(r, data.columnIndex("m_score")))
          .isEqualTo(1 + Math.floor(5.0 * worseM / n));
    }
    // states by the default thresholds
    BusinessState[] states = table.states();
    for (int r = 0; r < n; r++) {
      double recency = rows.get(r)[0];
      double tenure = rows.get(r)[4];
      BusinessState want =
          tenure <= 90
              ? BusinessState.NEW
              : recency <= 90
                  ? BusinessState.ACTIVE
                  : recency <= 365 ? BusinessState.LAPSING : BusinessState.CHURNED;
      assertThat(states[r]).isEqualTo(want);
    }
  }
}
