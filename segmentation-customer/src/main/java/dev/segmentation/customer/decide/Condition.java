package dev.segmentation.customer.decide;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.data.Messages;
import dev.segmentation.customer.IdList;
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
 * A condition on one customer's columns: a comparison of a numeric column with a number, membership
 * of a column's value in a set, the customer's id on a list, or all / any of other conditions.
 * Immutable.
 */
public sealed interface Condition {
  /**
   * Returns whether the condition holds for a customer.
   *
   * @param table the customers
   * @param row the customer's row
   * @return true if it holds
   */
  boolean test(CustomerColumns table, int row);

  /**
   * Checks that the condition fits the table's columns.
   *
   * @param table the customers
   * @param where the rule, for the message
   * @throws InvalidOptionException naming the rule and the column
   */
  void check(CustomerColumns table, String where);

  /** A comparison of a numeric column with a number. */
  record Compare(String column, String op, double value) implements Condition {
    @Override
    public boolean test(CustomerColumns table, int row) {
      double v = table.number(column, row);
      return switch (op) {
        case ">" -> v > value;
        case ">=" -> v >= value;
        case "<" -> v < value;
        case "<=" -> v <= value;
        case "==" -> v == value;
        default -> v != value && !Double.isNaN(v);
      };
    }

    @Override
    public void check(CustomerColumns table, String where) {
      known(table, column, where);
      if (!table.isNumeric(column)) {
        throw new InvalidOptionException(
            where, "'" + column + " " + op + " " + value + "'", "compares a text column; use in");
      }
    }
  }

  /** Membership of a column's value (as text) in a set. */
  record In(String column, Set<String> values, boolean negated) implements Condition {
    @Override
    public boolean test(CustomerColumns table, int row) {
      String v = table.text(column, row);
      return values.contains(v) != negated;
    }

    @Override
    public void check(CustomerColumns table, String where) {
      known(table, column, where);
    }
  }

  /**
   * The customer's id is on a list: an explicit do-not-target list (staff, complaints, suppressed
   * accounts), a seed list. The list is named for the reasons in audience files.
   */
  record Listed(String list, Set<String> ids) implements Condition {
    /**
     * Copies the ids.
     *
     * @param list the list's name, for messages
     * @param ids the ids on it
     */
    public Listed {
      Objects.requireNonNull(list, "list");
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean test(CustomerColumns table, int row) {
      return ids.contains(table.customerIds().get(row));
    }

    @Override
    public void check(CustomerColumns table, String where) {
      // ids not among the customers are expected: lists are kept across snapshots
    }
  }

  /** Every condition holds. */
  record All(List<Condition> parts) implements Condition {
    @Override
    public boolean test(CustomerColumns table, int row) {
      for (Condition c : parts) {
        if (!c.test(table, row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void check(CustomerColumns table, String where) {
      parts.forEach(c -> c.check(table, where));
    }
  }

  /** At least one condition holds. */
  record Any(List<Condition> parts) implements Condition {
    @Override
    public boolean test(CustomerColumns table, int row) {
      for (Condition c : parts) {
        if (c.test(table, row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void check(CustomerColumns table, String where) {
      parts.forEach(c -> c.check(table, where));
    }
  }

  private static void known(CustomerColumns table, String column, String where) {
    if (!table.columns().contains(column)) {
      throw new InvalidOptionException(
          where,
          "column '" + Messages.cut(column) + "'",
          "is not a column of the customers " + Messages.cut(table.columns().toString()));
    }
  }

  /**
   * A numeric comparison.
   *
   * @param column a numeric column
   * @param op one of {@code > >= < <= == !=}
   * @param value the number
   * @return the condition
   * @throws InvalidOptionException for another operator
   */
  static Condition compare(String column, String op, double value) {
    if (!List.of(">", ">=", "<", "<=", "==", "!=").contains(op)) {
      throw new InvalidOptionException(
          "op", "'" + Messages.cut(op) + "'", "must be >, >=, <, <=, == or !=");
    }
    return new Compare(column, op, value);
  }

  /**
   * {@code column >= value}.
   *
   * @param column a numeric column
   * @param value the bound
   * @return the condition
   */
  static Condition atLeast(String column, double value) {
    return new Compare(column, ">=", value);
  }

  /**
   * {@code column < value}.
   *
   * @param column a numeric column
   * @param value the bound
   * @return the condition
   */
  static Condition below(String column, double value) {
    return new Compare(column, "<", value);
  }

  /**
   * The column's value is one of these.
   *
   * @param column a column
   * @param values the values, as text
   * @return the condition
   */
  static Condition in(String column, String... values) {
    return new In(column, Set.of(values), false);
  }

  /**
   * The customer's id is on a list.
   *
   * @param list the list's name (a file name, for example)
   * @param ids the ids
   * @return the condition
   */
  static Condition listed(String list, Collection<String> ids) {
    return new Listed(list, new HashSet<>(ids));
  }

  /**
   * Every condition holds.
   *
   * @param parts at least one
   * @return the condition
   */
  static Condition all(Condition... parts) {
    return new All(List.of(parts));
  }

  /**
   * At least one condition holds.
   *
   * @param parts at least one
   * @return the condition
   */
  static Condition any(Condition... parts) {
    return new Any(List.of(parts));
  }

  /**
   * Reads a condition from parsed JSON.
   *
   * @param json an object: {@code {"column", "op", "value"}}, {@code {"listed": "ids.csv"}} (a file
   *     of ids, relative to {@code base}), or {@code {"all": [...]}} / {@code {"any": [...]}}
   * @param where the rule, for messages
   * @param base the folder list files are relative to, or null for the working directory
   * @return the condition
   * @throws InvalidOptionException if it is malformed, naming the rule
   * @throws dev.segmentation.api.InvalidDataException if a list file cannot be read
   */
  static Condition fromJson(Object json, String where, Path base) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new InvalidOptionException(where, "'when'", "must be an object");
    }
    if (m.containsKey("listed")) {
      if (!(m.get("listed") instanceof String name) || name.isBlank()) {
        throw new InvalidOptionException(where, "'listed'", "must name a file of customer ids");
      }
      Path file = base == null ? Path.of(name) : base.resolve(name);
      return new Listed(name, new HashSet<>(IdList.read(file, where + " list")));
    }
    for (String combine : List.of("all", "any")) {
      if (m.containsKey(combine)) {
        if (!(m.get(combine) instanceof List<?> list) || list.isEmpty()) {
          throw new InvalidOptionException(where, "'" + combine + "'", "must be a non-empty array");
        }
        List<Condition> parts = new ArrayList<>();
        for (Object o : list) {
          parts.add(fromJson(o, where, base));
        }
        return combine.equals("all") ? new All(List.copyOf(parts)) : new Any(List.copyOf(parts));
      }
    }
    if (!(m.get("column") instanceof String column)) {
      throw new InvalidOptionException(where, "a condition", "needs a \"column\" (or all / any)");
    }
    String op = String.valueOf(m.get("op")).toLowerCase(Locale.ROOT);
    Object value = m.get("value");
    if (op.equals("in") || op.equals("not in")) {
      if (!(value instanceof List<?> list)) {
        throw new InvalidOptionException(
            where, "'" + column + " " + op + "'", "needs an array value");
      }
      Set<String> values = new HashSet<>();
      for (Object o : list) {
        values.add(o instanceof Number n ? Double.toString(n.doubleValue()) : String.valueOf(o));
      }
      return new In(column, Set.copyOf(values), op.equals("not in"));
    }
    if (!(value instanceof Number n)) {
      throw new InvalidOptionException(
          where, "'" + column + " " + op + "'", "needs a number value (or op in with an array)");
    }
    try {
      return compare(column, op, n.doubleValue());
    } catch (InvalidOptionException e) {
      throw new InvalidOptionException(
          where, "op '" + Messages.cut(op) + "'", "must be >, >=, <, <=, ==, !=, in or not in");
    }
  }
}
