package dev.segmentation.cli;

import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.customer.IdList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An opt-out file read with the same CSV reader as every other input (CCPA: an opted-out customer
 * must never reach an output): a leading UTF-8 BOM is dropped, quotes are honoured, and either one
 * id per line (an optional header line {@code customer_id} or {@code id}) or a header naming the id
 * column ({@code customer_id} or {@code id}, else the first column) followed by rows such as {@code
 * customer_id,reason}. After use, {@link #report} says how many ids were read, matched and not
 * matched; {@code --opt-out-strict} makes unmatched ids an error.
 */
final class OptOutList {
  private final Path file;
  private final List<String> ids;

  private OptOutList(Path file, List<String> ids) {
    this.file = file;
    this.ids = ids;
  }

  /** Reads an opt-out file. */
  static OptOutList read(Path file) {
    return new OptOutList(file, IdList.read(file, "opt-out file"));
  }

  List<String> ids() {
    return ids;
  }

  /**
   * Prints how many ids were read, matched a customer of {@code known} and did not (with a few
   * examples); with {@code strict}, unmatched ids are an error.
   */
  void report(PrintWriter out, Collection<String> known, boolean strict) {
    Set<String> present = known instanceof Set<String> s ? s : new HashSet<>(known);
    Set<String> distinct = new LinkedHashSet<>(ids);
    List<String> unmatched = new ArrayList<>();
    for (String id : distinct) {
      if (!present.contains(id)) {
        unmatched.add(id);
      }
    }
    String examples =
        unmatched.isEmpty()
            ? ""
            : " (for example "
                + String.join(", ", unmatched.subList(0, Math.min(3, unmatched.size())))
                + ")";
    out.println(
        "opt-out file "
            + file
            + ": "
            + distinct.size()
            + " ids read, "
            + (distinct.size() - unmatched.size())
            + " matched customers, "
            + unmatched.size()
            + " did not"
            + examples);
    if (strict && !unmatched.isEmpty()) {
      throw new InvalidOptionException(
          "--opt-out-strict",
          file,
          unmatched.size()
              + " opt-out ids match no customer"
              + examples
              + "; check the file (id column, format) or leave out --opt-out-strict");
    }
  }
}
