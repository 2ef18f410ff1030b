package dev.segmentation.core.data;

import dev.segmentation.api.MixedDataset;
import java.util.List;
import java.util.Map;

/**
 * What loading a CSV file with categorical columns produced: the data set and an account of every
 * row or value that was not taken as written.
 *
 * @param dataset the loaded rows
 * @param source the file name (or the name given for a stream)
 * @param recordsRead data records read, not counting the header
 * @param droppedLines line numbers of records left out, in file order
 * @param imputedValues per column name, how many values were imputed (numeric or categorical)
 */
public record MixedLoad(
    MixedDataset dataset,
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
  public MixedLoad {
    droppedLines = List.copyOf(droppedLines);
    imputedValues = Map.copyOf(imputedValues);
  }
}
