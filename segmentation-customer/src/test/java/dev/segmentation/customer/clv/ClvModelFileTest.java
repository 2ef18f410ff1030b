package dev.segmentation.customer.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fitted models saved and loaded score exactly as before; bad files name the field. */
class ClvModelFileTest {
  @TempDir Path dir;

  @Test
  void savedModelsScoreAsTheFittedOnes() {
    CalibrationSummary s =
        CalibrationSummary.of(
            List.of("a", "b", "c", "d"),
            new int[] {0, 2, 5, 1},
            new double[] {0, 10, 30, 3},
            new double[] {35, 35, 36, 20},
            new double[] {0, 20, 35, 12},
            TimeScale.WEEKS);
    for (PurchaseModel m :
        List.of(BgNbd.of(0.243, 4.414, 0.793, 2.426), ParetoNbd.of(0.553, 10.578, 0.606, 11.669))) {
      GammaGamma g = GammaGamma.of(6.25, 3.74, 15.44);
      Path file = dir.resolve("m.json");
      new ClvModelFile(TimeScale.WEEKS, m, g).save(file);
      ClvModelFile back = ClvModelFile.load(file);
      assertThat(back.scale()).isEqualTo(TimeScale.WEEKS);
      assertThat(back.purchases().name()).isEqualTo(m.name());
      CustomerValue before = CustomerValue.score(s, m, g, 52, 0.01);
      CustomerValue after = CustomerValue.score(s, back.purchases(), back.spend(), 52, 0.01);
      for (int i = 0; i < s.size(); i++) {
        assertThat(after.lifetimeValue(i)).isEqualTo(before.lifetimeValue(i));
        assertThat(after.probabilityAlive(i)).isEqualTo(before.probabilityAlive(i));
      }
    }
  }

  @Test
  void badFilesNameTheField() throws IOException {
    Path file = dir.resolve("bad.json");
    String good =
        "{\"format\": \"dev.segmentation/clv-model\", \"version\": 1, \"scale\": \"WEEKS\","
            + " \"purchases\": {\"model\": \"BG/NBD\", \"parameters\": {\"r\": 0.2, \"alpha\": 4,"
            + " \"a\": 0.8, \"b\": 2.4}}}";
    Files.writeString(file, good);
    assertThat(ClvModelFile.load(file).spend()).isNull();
    String[][] cases = {
      {good.replace("0.2,", "-0.2,"), "field 'r' must be a positive number"},
      {good.replace("\"version\": 1", "\"version\": 9"), "field 'version'"},
      {good.replace("clv-model", "model"), "field 'format'"},
      {good.replace("BG/NBD", "NBD"), "field 'purchases.model'"},
      {good.replace("WEEKS", "MONTHS"), "field 'scale'"},
      {good.substring(0, 40), "is not valid JSON"},
    };
    for (String[] c : cases) {
      Files.writeString(file, c[0]);
      assertThatThrownBy(() -> ClvModelFile.load(file))
          .as(c[1])
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> ClvModelFile.load(dir.resolve("none.json")))
        .hasMessageContaining("does not exist");
  }
}
