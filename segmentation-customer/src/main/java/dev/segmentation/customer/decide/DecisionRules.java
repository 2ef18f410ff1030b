package dev.segmentation.customer.decide;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered table of decision rules: each customer lands in the first rule whose condition holds
 * (a decision segment to act on, or an exclusion not to spend on), or in no action; opted-out
 * customers are left out before any rule. Built with the fluent API or read from JSON:
 *
 * <pre>{@code
 * {"rules": [
 *   {"name": "margin destroyers", "action": "exclude", "reason": "returns eat the margin",
 *    "when": {"any": [{"column": "return_rate", "op": ">=", "value": 0.3}]}},
 *   {"name": "ready to repeat", "action": "segment",
 *    "when": {"all": [{"column": "probability", "op": ">=", "value": 0.3},
 *                     {"column": "state", "op": "in", "value": ["ACTIVE", "NEW"]}]}}]}
 * }</pre>
 *
 * <p>Operators: {@code > >= < <= == !=} on numeric columns, {@code in} and {@code not in} on text
 * (or numbers), {@code all} and {@code any} to combine. A blank number satisfies no comparison.
 * Every rule is checked against the table before use: an unknown column, an operator that does not
 * fit the column, or a rule name used twice is an error naming the rule. Immutable.
 */
public final class DecisionRules {
  /** What a rule does with the customers it takes. */
  public enum Action {
    /** A decision segment to act on. */
    SEGMENT,
    /** Customers not to spend on. */
    EXCLUDE
  }

  /** One rule: its name, action, condition and a reason for the audience files. */
  public record Rule(String name, Action action, Condition when, String reason) {
    /**
     * Checks the parts.
     *
     * @param name not blank
     * @param action not null
     * @param when not null
     * @param reason may be null (the name is used)
     */
    public Rule {
      if (name == null || name.isBlank()) {
        throw new InvalidOptionException("rule name", String.valueOf(name), "must not be blank");
      }
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(when, "when");
      reason = reason == null || reason.isBlank() ? name : reason;
    }
  }

  private final List<Rule> rules;

  private DecisionRules(List<Rule> rules) {
    Set<String> names = new HashSet<>();
    for (Rule r : rules) {
      if (!names.add(r.name())) {
        throw new InvalidOptionException("rule", "'" + r.name() + "'", "is named twice");
      }
    }
    this.rules = List.copyOf(rules);
  }

  /**
   * Starts a table.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects rules in order. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a decision segment.
     *
     * @param name its name
     * @param when who belongs
     * @return this builder
     */
    public Builder segment(String name, Condition when) {
      rules.add(new Rule(name, Action.SEGMENT, when, null));
      return this;
    }

    /**
     * Adds an exclusion.
     *
     * @param name its name
     * @param when who is excluded
     * @return this builder
     */
    public Builder exclude(String name, Condition when) {
      rules.add(new Rule(name, Action.EXCLUDE, when, null));
      return this;
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Builds the table.
     *
     * @return the rules
     * @throws InvalidOptionException if there is none or a name repeats
     */
    public DecisionRules build() {
      if (rules.isEmpty()) {
        throw new InvalidOptionException("rules", "none", "give at least one rule");
      }
      return new DecisionRules(rules);
    }
  }

  /**
   * Returns the rules in order.
   *
   * @return an unmodifiable list
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Reads a table from a JSON file.
   *
   * @param file the rules
   * @return the table
   * @throws InvalidDataException if the file cannot be read or is not JSON
   * @throws InvalidOptionException if a rule is malformed, naming it
   */
  public static DecisionRules read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("rules file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read rules file " + file + ": " + e.getMessage(), e);
    }
    return fromJson(text, file.toString(), file.toAbsolutePath().getParent());
  }

  /**
   * Reads a table from JSON text; {@code listed} files are relative to the working directory.
   *
   * @param json the text
   * @param source a name for messages
   * @return the table
   * @throws InvalidDataException if the text is not JSON or a list file cannot be read
   * @throws InvalidOptionException if a rule is malformed, naming it
   */
  public static DecisionRules fromJson(String json, String source) {
    return fromJson(json, source, null);
  }

  /**
   * Reads a table from JSON text.
   *
   * @param json the text
   * @param source a name for messages
   * @param base the folder {@code listed} files are relative to, or null for the working directory
   * @return the table
   * @throws InvalidDataException if the text is not JSON or a list file cannot be read
   * @throws InvalidOptionException if a rule is malformed, naming it
   */
  public static DecisionRules fromJson(String json, String source, Path base) {
    Map<String, Object> root;
    try {
      root = JSON.std.mapFrom(json);
    } catch (IOException | RuntimeException e) {
      throw new InvalidDataException(
          "rules "
              + source
              + " are not valid JSON: "
              + Messages.cut(String.valueOf(e.getMessage())),
          e);
    }
    if (!(root.get("rules") instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidOptionException("rules", source, "needs a non-empty \"rules\" array");
    }
    Builder b = builder();
    for (int i = 0; i < list.size(); i++) {
      String where = "rule " + (i + 1);
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new InvalidOptionException(where, source, "must be an object");
      }
      String name = m.get("name") == null ? null : m.get("name").toString();
      where = "rule " + (i + 1) + " '" + Messages.cut(String.valueOf(name)) + "'";
      String action = String.valueOf(m.get("action")).toLowerCase(Locale.ROOT);
      Action a =
          switch (action) {
            case "segment" -> Action.SEGMENT;
            case "exclude", "exclusion" -> Action.EXCLUDE;
            default ->
                throw new InvalidOptionException(
                    where, "action '" + Messages.cut(action) + "'", "must be segment or exclude");
          };
      Object reason = m.get("reason");
      b.rule(
          new Rule(
              name,
              a,
              Condition.fromJson(m.get("when"), where, base),
              reason == null ? null : reason.toString()));
    }
    return b.build();
  }

  /**
   * Checks every rule against a table's columns.
   *
   * @param table the customers
   * @throws InvalidOptionException naming the rule and the column that does not fit
   */
  public void check(CustomerColumns table) {
    for (Rule r : rules) {
      r.when().check(table, "rule '" + r.name() + "'");
    }
  }

  /**
   * Places every customer: the index of the first rule that takes them, or -1 for no action.
   *
   * @param table the customers
   * @param optOut ids left out of everything (they get -2)
   * @return one entry per customer of the table
   * @throws InvalidOptionException if a rule does not fit the table
   */
  public int[] apply(CustomerColumns table, Collection<String> optOut) {
    check(table);
    Set<String> out = new HashSet<>(optOut);
    List<String> ids = table.customerIds();
    int[] placed = new int[ids.size()];
    for (int i = 0; i < placed.length; i++) {
      placed[i] = -1;
      if (out.contains(ids.get(i))) {
        placed[i] = -2;
        continue;
      }
      for (int k = 0; k < rules.size(); k++) {
        if (rules.get(k).when().test(table, i)) {
          placed[i] = k;
          break;
        }
      }
    }
    return placed;
  }

  /**
   * A starting table over the columns of {@code segment features} joined with {@code segment
   * propensity}'s {@code probability} (a purchase propensity): exclusions first (margin destroyers:
   * a margin rate under 10% of the list price after returns, refunds, discounts and, when the log
   * has a cost column, the cost of goods; organic inevitables: purchase probability of 60% or more
   * without discounts), then likely to churn (lapsing, or a purchase probability under 10%),
   * deal-triggered (a fifth or more of spend discounted), high-value lookalike seed (top monetary
   * and frequency scores), ready to repeat (probability of 30% or more). Thresholds are a start to
   * edit, not a recommendation. Explicit do-not-target lists are rules of their own: {@code
   * {"name": "staff", "action": "exclude", "when": {"listed": "staff.csv"}}} (or {@code segment
   * decide --do-not-target}).
   *
   * @return the JSON text
   */
  public static String template() {
    return """
        {"rules": [
          {"name": "margin destroyers", "action": "exclude",
           "reason": "returns, refunds, discounts and costs leave under 10% of the list price",
           "when": {"column": "margin_rate", "op": "<", "value": 0.1}},
          {"name": "organic inevitables", "action": "exclude",
           "reason": "likely to buy without a paid push, and not discount-driven",
           "when": {"all": [{"column": "probability", "op": ">=", "value": 0.6},
                            {"column": "discount_share", "op": "==", "value": 0}]}},
          {"name": "likely to churn", "action": "segment",
           "reason": "lapsing, or unlikely to buy in the horizon",
           "when": {"any": [{"column": "state", "op": "in", "value": ["LAPSING"]},
                            {"column": "probability", "op": "<", "value": 0.1}]}},
          {"name": "deal-triggered", "action": "segment",
           "reason": "a fifth or more of their spend was discounted",
           "when": {"column": "discount_share", "op": ">=", "value": 0.2}},
          {"name": "high-value lookalike seed", "action": "segment",
           "reason": "top monetary and frequency scores",
           "when": {"all": [{"column": "m_score", "op": ">=", "value": 5},
                            {"column": "f_score", "op": ">=", "value": 4}]}},
          {"name": "ready to repeat", "action": "segment",
           "reason": "likely to buy again in the horizon",
           "when": {"column": "probability", "op": ">=", "value": 0.3}}
        ]}
        """;
  }
}
