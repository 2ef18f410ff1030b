package dev.segmentation.cli;

import dev.segmentation.api.Dataset;
import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.data.CsvDatasets;
import dev.segmentation.customer.BusinessState;
import dev.segmentation.customer.Exclusions;
import dev.segmentation.customer.profile.SegmentProfiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segment profile}: segment profiles from a customer table and a labels file. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description =
        "Describe every segment: size and share, mean and median of each feature, z-score and"
            + " lift against all customers, the three most distinguishing features, a generated"
            + " name, business states and the mean of extra columns (scores from elsewhere)."
            + " Customers are matched by id; segment -1 is the group of atypical customers to review.",
    footer = {
      "",
      "Example:",
      "  segment profile --input features.csv --id customer_id --labels labels.csv \\",
      "                  --columns recency_days,frequency,monetary_total --extras churn_score"
    })
final class ProfileCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin OptOutOption optOut;

  @Option(names = "--input", required = true, description = "Customer table (CSV with a header).")
  Path input;

  @Option(names = "--id", defaultValue = "customer_id", description = "Id column of --input.")
  String id;

  @Option(
      names = "--labels",
      required = true,
      description = "CSV: customer id first, then the segment (as written by --output).")
  Path labels;

  @Option(names = "--labels-column", defaultValue = "segment", description = "Segment column.")
  String labelsColumn;

  @Option(
      names = "--columns",
      split = ",",
      description = "Features to profile (default: every column but the id, extras and state).")
  List<String> columns = List.of();

  @Option(
      names = {"--extras", "--extra"},
      split = ",",
      description =
          "Columns to average per segment (for example p_alive,expected_purchases,clv), from"
              + " --input or from --extra-file.")
  List<String> extras = List.of();

  @Option(
      names = "--extra-file",
      description =
          "A second customer file the --extras come from, joined by its first column's ids (for"
              + " example the output of segment clv); every customer of --input needs a row.")
  Path extraFile;

  @Option(
      names = "--state-column",
      defaultValue = "state",
      description = "Business state column (names or codes), if --input has it.")
  String stateColumn;

  @Option(
      names = "--duplicates",
      defaultValue = "reject",
      description =
          "Rows sharing a customer id: reject, keep-first, keep-last or merge-mean (default:"
              + " ${DEFAULT-VALUE}).")
  String duplicates;

  @Option(names = "--debug", description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> header = LabelFile.header(input, ',');
    OutputFiles.plan().input("--input", input).input("--extra-file", extraFile).check();
    List<String> features = new ArrayList<>(columns);
    List<String> fromInput = extraFile == null ? extras : List.of();
    if (features.isEmpty()) {
      for (String h : header) {
        if (!h.equals(id) && !fromInput.contains(h) && !h.equals(stateColumn)) {
          features.add(h);
        }
      }
    }
    List<String> all = new ArrayList<>(features);
    all.addAll(fromInput);
    Dataset table =
        CsvDatasets.reader().idColumn(id).columns(all.toArray(new String[0])).load(input).dataset();
    java.util.Set<String> optedOut = java.util.Set.of();
    if (optOut.file != null) {
      OptOutList list = optOut.read();
      list.report(out, table.rowIds().orElseThrow(), optOut.strict);
      optedOut = new java.util.HashSet<>(list.ids());
    }
    Exclusions.Result kept =
        Exclusions.optOut(optedOut)
            .duplicates(InputOptions.duplicatePolicy(duplicates))
            .apply(table);
    Dataset data = kept.data();
    List<String> ids = data.rowIds().orElseThrow();
    Map<String, Integer> segments = LabelFile.segments(labels, labelsColumn);
    java.util.Set<String> known = new java.util.HashSet<>(ids);
    for (String label : segments.keySet()) {
      if (!known.contains(label) && !optedOut.contains(label)) {
        throw new InvalidDataException(
            labels
                + ": customer '"
                + label
                + "' is not a customer of "
                + input
                + "; both files must use the same ids");
      }
    }
    int[] l = new int[ids.size()];
    for (int i = 0; i < l.length; i++) {
      Integer s = segments.get(ids.get(i));
      if (s == null) {
        throw new InvalidDataException(
            labels + " has no segment for customer '" + ids.get(i) + "' of " + input);
      }
      l[i] = s;
    }
    SegmentProfiles profiles = SegmentProfiles.of(data.select(features.toArray(new String[0])), l);
    if (!extras.isEmpty()) {
      profiles.extras(extraFile == null ? data.select(extras.toArray(new String[0])) : joined(ids));
    }
    BusinessState[] states = StateColumn.read(input, id, stateColumn, ids);
    if (states != null) {
      profiles.states(states);
    }
    profiles.compute();
    out.printf(
        Locale.ROOT, "%d customers (%d opted out left out)%n", data.numRows(), kept.optedOut());
    out.print(profiles.toText());
    out.flush();
    return 0;
  }

  /** The --extras columns of --extra-file, in the order of {@code ids}. */
  private Dataset joined(List<String> ids) {
    String first = LabelFile.header(extraFile, ',').get(0);
    Dataset extra =
        CsvDatasets.reader()
            .idColumn(first)
            .columns(extras.toArray(new String[0]))
            .load(extraFile)
            .dataset();
    Map<String, Integer> row = new java.util.HashMap<>();
    List<String> extraIds = extra.rowIds().orElseThrow();
    for (int i = 0; i < extraIds.size(); i++) {
      if (row.put(extraIds.get(i), i) != null) {
        throw new InvalidDataException(
            extraFile + ": customer '" + extraIds.get(i) + "' appears twice");
      }
    }
    double[] values = new double[ids.size() * extras.size()];
    for (int i = 0; i < ids.size(); i++) {
      Integer r = row.get(ids.get(i));
      if (r == null) {
        throw new InvalidDataException(
            extraFile + " has no row for customer '" + ids.get(i) + "' of " + input);
      }
      for (int j = 0; j < extras.size(); j++) {
        values[i * extras.size() + j] = extra.get(r, j);
      }
    }
    return Dataset.ofRowMajor(values, ids.size(), extras);
  }
}
