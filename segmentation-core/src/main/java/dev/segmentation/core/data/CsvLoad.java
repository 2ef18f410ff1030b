package dev.segmentation.core.data;

import dev.segmentation.api.Dataset;
import java.util.List;
import java.util.Map;

/**
 * What loading a CSV file produced: the data set and an account of every row or value that was not
 * taken as written, so that nothing is lost silently.
 *
 * @param dataset the loaded rows
 * @param source the file name (or the name given for a stream), as used in messages
 * @param recordsRead data records read, not counting the header
 * @param droppedLines line numbers of the records left out under {@link
 *     MissingValuePolicy#DROP_ROW}, in file order
 * @param imputedValues per column name, how many values were imputed (only columns with at least
 *     one)
 */
public record CsvLoad(
    Dataset dataset,
    String source,
    long recordsRead,
    List<Long> droppedLines,
    Map<String, Integer> imputedValues) {

  /**
   * Creates the record, copying the collections.
   *
   * @param dataset the loaded rows
   * @param source the file name
   * @param recordsRead records read
   * @param droppedLines line numbers of dropped records
   * @param imputedValues imputed counts per column
   */
  public CsvLoad {
    droppedLines = List.copyOf(droppedLines);
    imputedValues = Map.copyOf(imputedValues);
  }

  /**
   * Returns the number of records left out.
   *
   * @return {@code droppedLines().size()}
   */
  public int droppedRows() {
    return droppedLines.size();
  }
}
