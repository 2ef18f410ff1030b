package dev.segmentation.cli;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.customer.BusinessState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The business-state column of a customer file (as {@code segment features} writes it). */
final class StateColumn {
  private StateColumn() {}

  /**
   * Reads the states of {@code ids} from {@code column} of {@code input}, by the file's id column,
   * which must come first; null when the file has no such column.
   */
  static BusinessState[] read(Path input, String id, String column, List<String> ids) {
    List<String> header = LabelFile.header(input, ',');
    if (!header.contains(column)) {
      return null;
    }
    if (!header.get(0).equals(id)) {
      throw new InvalidDataException(
          input
              + ": the state column is read by the first column's ids, but the first column is '"
              + header.get(0)
              + "', not --id '"
              + id
              + "'; put the id first");
    }
    Map<String, String> byId = LabelFile.read(input, column);
    BusinessState[] out = new BusinessState[ids.size()];
    for (int i = 0; i < out.length; i++) {
      String raw = byId.get(ids.get(i));
      String v = raw == null ? "" : raw.trim();
      for (BusinessState s : BusinessState.values()) {
        if (s.name().equalsIgnoreCase(v) || Integer.toString(s.code()).equals(v)) {
          out[i] = s;
        }
      }
      if (out[i] == null) {
        throw new InvalidDataException(
            input
                + ", column '"
                + column
                + "': customer '"
                + ids.get(i)
                + "' has state '"
                + v
                + "'; expected NEW, ACTIVE, LAPSING or CHURNED");
      }
    }
    return out;
  }
}
