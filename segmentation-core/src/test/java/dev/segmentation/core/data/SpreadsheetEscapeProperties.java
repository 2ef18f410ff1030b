package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SpreadsheetEscapeProperties {

  /** Issue 19, item 8: what the library writes, its readers read back as it was. */
  @Property(tries = 500)
  void unescapeUndoesEscape(@ForAll @StringLength(max = 12) String value) {
    assertThat(SpreadsheetEscape.unescape(SpreadsheetEscape.escape(value))).isEqualTo(value);
    String[] risky = {"=", "+", "-", "@", "\t", "\r"};
    for (String r : risky) {
      String id = r + "x" + value;
      assertThat(SpreadsheetEscape.escape(id)).isEqualTo("'" + id);
      assertThat(SpreadsheetEscape.unescape(SpreadsheetEscape.escape(id))).isEqualTo(id);
      // ids that already start with apostrophes before a risky cell round-trip too
      for (String quoted : new String[] {"'" + id, "''" + id}) {
        assertThat(SpreadsheetEscape.escape(quoted)).isEqualTo("'" + quoted);
        assertThat(SpreadsheetEscape.unescape(SpreadsheetEscape.escape(quoted))).isEqualTo(quoted);
      }
    }
  }

  @Test
  void numbersAndPlainIdsStayAsTheyAre() {
    assertThat(SpreadsheetEscape.escape("-1.5e3")).isEqualTo("-1.5e3");
    assertThat(SpreadsheetEscape.escape("c42")).isEqualTo("c42");
    assertThat(SpreadsheetEscape.escape(null)).isNull();
    assertThat(SpreadsheetEscape.unescape("'plain")).isEqualTo("'plain");
    assertThat(SpreadsheetEscape.unescape("'")).isEqualTo("'");
    assertThat(SpreadsheetEscape.unescape("'=SUM(A1)")).isEqualTo("=SUM(A1)");
  }
}
