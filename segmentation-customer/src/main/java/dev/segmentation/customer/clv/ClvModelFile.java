package dev.segmentation.customer.clv;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.Provenance;
import dev.segmentation.core.data.AtomicFiles;
import dev.segmentation.core.data.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Fitted buy-till-you-die models in a small versioned JSON file: the time scale, a purchase model
 * (BG/NBD or Pareto/NBD) and optionally the Gamma-Gamma spend model, each with its parameters and
 * the log-likelihood and customers of its fit. Written to a temporary file and moved into place;
 * loading checks the format, the version and that every parameter is a positive number, naming the
 * field otherwise. The parameters are all a model is, so a loaded model scores exactly as the
 * fitted one did.
 *
 * <pre>{@code
 * {"format": "dev.segmentation/clv-model", "version": 1, "scale": "WEEKS",
 *  "purchases": {"model": "BG/NBD", "parameters": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, ...},
 *  "spend": {"model": "Gamma-Gamma", "parameters": {"p": 6.25, "q": 3.74, "gamma": 15.44}, ...}}
 * }</pre>
 *
 * @param scale the time unit the models were fitted in
 * @param purchases the purchase model
 * @param spend the spend model, or null
 */
public record ClvModelFile(TimeScale scale, PurchaseModel purchases, GammaGamma spend) {
  /** The format name in every file. */
  public static final String FORMAT = "dev.segmentation/clv-model";

  /** The version this library writes and reads. */
  public static final int VERSION = 1;

  /** Largest file read: the models are a few hundred bytes. */
  private static final long MAX_BYTES = 1 << 20;

  /**
   * Checks the parts.
   *
   * @param scale not null
   * @param purchases not null
   * @param spend may be null
   */
  public ClvModelFile {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(purchases, "purchases");
  }

  /**
   * Writes the file.
   *
   * @param file where
   * @throws InvalidDataException if it cannot be written
   */
  public void save(Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("library", Provenance.LIBRARY_VERSION);
    root.put("scale", scale.name());
    root.put("purchases", describe(purchases.name(), parameters(purchases), purchases.report()));
    if (spend != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("p", spend.p());
      p.put("q", spend.q());
      p.put("gamma", spend.gamma());
      root.put("spend", describe("Gamma-Gamma", p, spend.report()));
    }
    String json;
    try {
      json = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(root);
    } catch (IOException e) {
      throw new InvalidDataException("cannot write the models: " + e.getMessage(), e);
    }
    AtomicFiles.write(file, tmp -> Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8));
  }

  private static Map<String, Object> parameters(PurchaseModel m) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (m instanceof BgNbd b) {
      p.put("r", b.r());
      p.put("alpha", b.alpha());
      p.put("a", b.a());
      p.put("b", b.b());
    } else if (m instanceof ParetoNbd q) {
      p.put("r", q.r());
      p.put("alpha", q.alpha());
      p.put("s", q.s());
      p.put("beta", q.beta());
    } else {
      throw new IllegalArgumentException("not a model of this library: " + m.getClass());
    }
    return p;
  }

  private static Map<String, Object> describe(
      String name, Map<String, Object> parameters, FitReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", name);
    m.put("parameters", parameters);
    if (report != null) {
      m.put("logLikelihood", report.logLikelihood());
      m.put("customers", report.customers());
      m.put("converged", report.converged());
    }
    return m;
  }

  /**
   * Reads a file written by {@link #save}.
   *
   * @param file the file
   * @return the models (without fit reports)
   * @throws InvalidDataException if the file is missing, too large, not JSON, of another format or
   *     version, or a field is missing or out of range (naming it)
   */
  public static ClvModelFile load(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidDataException(
            "model file " + file + " has more than " + MAX_BYTES + " bytes; it is not a clv model");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidDataException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> root;
    try {
      root = JSON.std.mapFrom(text);
    } catch (IOException | RuntimeException e) {
      throw new InvalidDataException(
          "model file "
              + file
              + " is not valid JSON: "
              + Messages.cut(String.valueOf(e.getMessage())),
          e);
    }
    if (!FORMAT.equals(root.get("format"))) {
      throw bad(
          file,
          "format",
          "is " + Messages.cut(String.valueOf(root.get("format"))) + ", not " + FORMAT);
    }
    if (!(root.get("version") instanceof Number v) || v.intValue() != VERSION) {
      throw bad(
          file, "version", "is " + root.get("version") + "; this library reads version " + VERSION);
    }
    TimeScale scale;
    try {
      scale = TimeScale.valueOf(String.valueOf(root.get("scale")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(file, "scale", "must be WEEKS or DAYS");
    }
    Map<String, Object> p = object(file, root, "purchases");
    Map<String, Object> pp = object(file, p, "parameters");
    PurchaseModel purchases =
        switch (String.valueOf(p.get("model"))) {
          case "BG/NBD" ->
              BgNbd.of(
                  positive(file, pp, "r"),
                  positive(file, pp, "alpha"),
                  positive(file, pp, "a"),
                  positive(file, pp, "b"));
          case "Pareto/NBD" ->
              ParetoNbd.of(
                  positive(file, pp, "r"),
                  positive(file, pp, "alpha"),
                  positive(file, pp, "s"),
                  positive(file, pp, "beta"));
          default -> throw bad(file, "purchases.model", "must be BG/NBD or Pareto/NBD");
        };
    GammaGamma spend = null;
    if (root.get("spend") != null) {
      Map<String, Object> s = object(file, object(file, root, "spend"), "parameters");
      spend =
          GammaGamma.of(positive(file, s, "p"), positive(file, s, "q"), positive(file, s, "gamma"));
    }
    return new ClvModelFile(scale, purchases, spend);
  }

  private static InvalidDataException bad(Path file, String field, String problem) {
    return new InvalidDataException("model file " + file + ": field '" + field + "' " + problem);
  }

  @SuppressWarnings("unchecked") // JSON objects parse to maps with string keys
  private static Map<String, Object> object(Path file, Map<String, Object> parent, String field) {
    if (!(parent.get(field) instanceof Map<?, ?> m)) {
      throw bad(file, field, "is missing or not an object");
    }
    return (Map<String, Object>) m;
  }

  private static double positive(Path file, Map<String, Object> m, String field) {
    if (!(m.get(field) instanceof Number n)
        || !(n.doubleValue() > 0)
        || !Double.isFinite(n.doubleValue())) {
      throw bad(
          file,
          field,
          "must be a positive number (was " + Messages.cut(String.valueOf(m.get(field))) + ")");
    }
    return n.doubleValue();
  }
}
