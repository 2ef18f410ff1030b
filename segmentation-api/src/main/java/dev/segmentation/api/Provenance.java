package dev.segmentation.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * How a model was made: the algorithm, the options it was fitted with (those that change the
 * result; thread counts and listeners do not), the seed, the library version, the shape and column
 * names of the training data, the fit summary and when it was fitted. Recorded by every fit and
 * kept in model files, so a model found in production can be traced to the run that made it (as
 * Tribuo's provenance does). Immutable.
 */
public final class Provenance {
  /** This library's version, as built (for example {@code 0.1.0-SNAPSHOT}). */
  public static final String LIBRARY_VERSION = readVersion();

  private final String algorithm;
  private final Map<String, String> options;
  private final Long seed;
  private final String libraryVersion;
  private final long rows;
  private final List<String> columns;
  private final FitSummary summary;
  private final Instant created;

  /**
   * Creates a provenance record.
   *
   * @param algorithm the family, for example {@code "k-means"}
   * @param options option names to their values as text, in a stable order; copied
   * @param seed the seed every random choice came from, or null for a deterministic algorithm
   * @param libraryVersion the version of the library that fitted the model
   * @param rows the number of training rows
   * @param columns the training columns, in order; copied
   * @param summary the fit summary
   * @param created when the fit finished
   * @throws NullPointerException if an argument other than {@code seed} is null
   * @throws IllegalArgumentException if {@code rows} is negative
   */
  public Provenance(
      String algorithm,
      Map<String, String> options,
      Long seed,
      String libraryVersion,
      long rows,
      List<String> columns,
      FitSummary summary,
      Instant created) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0 (was " + rows + ")");
    }
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.seed = seed;
    this.libraryVersion = Objects.requireNonNull(libraryVersion, "libraryVersion");
    this.rows = rows;
    this.columns = List.copyOf(columns);
    this.summary = Objects.requireNonNull(summary, "summary");
    this.created = Objects.requireNonNull(created, "created");
  }

  /**
   * Returns the algorithm family.
   *
   * @return for example {@code "k-means"}
   */
  public String algorithm() {
    return algorithm;
  }

  /**
   * Returns the options the model was fitted with, as text, in a stable order.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * Returns the seed every random choice came from.
   *
   * @return the seed, or empty for a deterministic algorithm
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Returns the version of the library that fitted the model.
   *
   * @return the version
   */
  public String libraryVersion() {
    return libraryVersion;
  }

  /**
   * Returns the number of training rows.
   *
   * @return the rows
   */
  public long rows() {
    return rows;
  }

  /**
   * Returns the training columns, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the fit summary.
   *
   * @return the summary
   */
  public FitSummary summary() {
    return summary;
  }

  /**
   * Returns when the fit finished.
   *
   * @return the instant
   */
  public Instant created() {
    return created;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Provenance p
        && algorithm.equals(p.algorithm)
        && options.equals(p.options)
        && Objects.equals(seed, p.seed)
        && libraryVersion.equals(p.libraryVersion)
        && rows == p.rows
        && columns.equals(p.columns)
        && summary.equals(p.summary)
        && created.equals(p.created);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, options, seed, libraryVersion, rows, columns, created);
  }

  @Override
  public String toString() {
    return algorithm
        + " "
        + options
        + (seed == null ? "" : " seed " + seed)
        + ", "
        + rows
        + " rows x "
        + columns
        + ", library "
        + libraryVersion
        + ", "
        + created;
  }

  private static String readVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
