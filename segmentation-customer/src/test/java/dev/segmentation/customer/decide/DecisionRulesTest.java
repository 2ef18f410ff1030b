package dev.segmentation.customer.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules in order, each customer in one place, opt-outs nowhere, bad tables named. */
class DecisionRulesTest {
  @TempDir Path dir;

  static CustomerColumns table() {
    return CustomerColumns.of(
        List.of("a", "b", "c", "d", "e"),
        Map.of(
            "probability", new double[] {0.9, 0.4, 0.05, 0.35, Double.NaN},
            "discount_share", new double[] {0, 0.3, 0, 0, 0},
            "margin_rate", new double[] {0.9, 0.6, 0.8, 0.05, 0.5},
            "m_score", new double[] {5, 1, 2, 3, 4},
            "f_score", new double[] {5, 1, 2, 3, 4}),
        Map.of("state", new String[] {"ACTIVE", "ACTIVE", "LAPSING", "NEW", "CHURNED"}));
  }

  /** Issue 21, item 4: an explicit do-not-target list, read from a file next to the rules. */
  @Test
  void aListedRuleTakesTheIdsOfItsFile() throws IOException {
    Files.writeString(dir.resolve("staff.csv"), "\uFEFFcustomer_id,why\nb,employee\nzz,gone\n");
    Path rules = dir.resolve("rules.json");
    Files.writeString(
        rules,
        """
        {"rules": [
          {"name": "staff", "action": "exclude", "when": {"listed": "staff.csv"}},
          {"name": "all", "action": "segment", "when": {"column": "m_score", "op": ">=", "value": 0}}
        ]}
        """);
    DecisionRules table = DecisionRules.read(rules);
    assertThat(table.rules().get(0).when()).isInstanceOf(Condition.Listed.class);
    // b is on the list (the BOM and the header are not ids); zz is not a customer, which is fine
    assertThat(table.apply(table(), List.of("a"))).containsExactly(-2, 0, 1, 1, 1);
    Files.writeString(
        rules,
        "{\"rules\": [{\"name\": \"x\", \"action\": \"exclude\","
            + " \"when\": {\"listed\": \"missing.csv\"}}]}");
    assertThatThrownBy(() -> DecisionRules.read(rules))
        .hasMessageContaining("rule 1 'x' list")
        .hasMessageContaining("missing.csv does not exist");
  }

  @Test
  void theTemplatePlacesEachCustomerOnceInOrder() {
    DecisionRules rules = DecisionRules.fromJson(DecisionRules.template(), "template");
    assertThat(rules.rules()).hasSize(6);
    int[] placed = rules.apply(table(), List.of("e"));
    // a: organic inevitable (0.9, no discount); b: deal-triggered (0.3 discount) before ready to
    // repeat; c: lapsing, likely to churn; d: margin destroyer (5% margin) before anything else
    assertThat(placed).containsExactly(1, 3, 2, 0, -2);
    int[] none =
        DecisionRules.builder()
            .segment("only high", Condition.atLeast("probability", 0.95))
            .build()
            .apply(table(), List.of());
    // a blank number satisfies no comparison: e falls to no action
    assertThat(none).containsExactly(-1, -1, -1, -1, -1);
    int[] fluent =
        DecisionRules.builder()
            .exclude("churned", Condition.in("state", "CHURNED"))
            .segment(
                "low and new",
                Condition.all(Condition.below("probability", 0.5), Condition.in("state", "NEW")))
            .segment(
                "any",
                Condition.any(Condition.atLeast("m_score", 3), Condition.in("state", "LAPSING")))
            .build()
            .apply(table(), List.of());
    assertThat(fluent).containsExactly(2, -1, 2, 1, 0);
  }

  @Test
  void badTablesNameTheRule() throws IOException {
    String unknown =
        "{\"rules\": [{\"name\": \"x\", \"action\": \"segment\", \"when\": {\"column\": \"nope\","
            + " \"op\": \">\", \"value\": 1}}]}";
    assertThatThrownBy(() -> DecisionRules.fromJson(unknown, "r.json").apply(table(), List.of()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("rule 'x'")
        .hasMessageContaining("column 'nope'");
    String textCompare = unknown.replace("nope", "state");
    assertThatThrownBy(() -> DecisionRules.fromJson(textCompare, "r.json").check(table()))
        .hasMessageContaining("compares a text column; use in");
    String[][] cases = {
      {unknown.replace("segment", "shout"), "must be segment or exclude"},
      {unknown.replace("\">\"", "\"~\""), "rule 1 'x'"},
      {unknown.replace("\"value\": 1", "\"value\": \"one\""), "needs a number value"},
      {"{\"rules\": []}", "non-empty"},
      {"{\"rules\": [1]}", "must be an object"},
      {unknown.replace("{\"column\"", "{\"col\""), "needs a \"column\""},
      {
        "{\"rules\": ["
            + unknown.substring(11, unknown.length() - 2)
            + ", "
            + unknown.substring(11, unknown.length() - 2)
            + "]}",
        "is named twice"
      },
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> DecisionRules.fromJson(c[0], "r.json"))
          .as(c[0])
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> DecisionRules.fromJson("{", "r.json"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> DecisionRules.read(dir.resolve("none.json")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> DecisionRules.builder().build())
        .hasMessageContaining("at least one rule");
  }

  @Test
  void filesJoinByIdAndKnowTheirColumnTypes() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.writeString(a, "customer_id,state,score\nx,ACTIVE,1\ny,NEW,\n");
    Files.writeString(b, "customer_id,probability\ny,0.5\nx,0.25\n");
    CustomerColumns t = CustomerColumns.read("customer_id", List.of(a, b));
    assertThat(t.customerIds()).containsExactly("x", "y");
    assertThat(t.isNumeric("state")).isFalse();
    assertThat(t.number("probability", 0)).isEqualTo(0.25);
    assertThat(t.number("score", 1)).isNaN();
    assertThat(t.text("state", 1)).isEqualTo("NEW");
    Files.writeString(b, "customer_id,probability\ny,0.5\n");
    assertThatThrownBy(() -> CustomerColumns.read("customer_id", List.of(a, b)))
        .hasMessageContaining("has no row for customer 'x'");
    Files.writeString(b, "customer_id,state\ny,A\nx,B\n");
    assertThatThrownBy(() -> CustomerColumns.read("customer_id", List.of(a, b)))
        .hasMessageContaining("repeats column 'state'");
    assertThatThrownBy(() -> CustomerColumns.read("id", List.of(a))).hasMessageContaining("'id'");
  }
}
