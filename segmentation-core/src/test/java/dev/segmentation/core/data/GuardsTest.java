package dev.segmentation.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.api.InvalidOptionException;
import dev.segmentation.core.parallel.Memory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small guards the fits and commands share: distinct rows, memory, messages, atomic writes. */
class GuardsTest {
  @TempDir Path dir;

  @Test
  void distinctRowsRefuseMoreSegmentsThanThereAre() {
    double[] x = {1, 2, 1, 2, 3, 4};
    DistinctRows.require(x, 3, 2, 2, "k", 2, "data");
    assertThatThrownBy(() -> DistinctRows.require(x, 3, 2, 3, "k", "2..3", "sample"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("k")
        .hasMessageContaining("2..3")
        .hasMessageContaining("distinct rows in the sample (2)");
  }

  /**
   * Issue 19, item 9: a file far larger than the heap is refused a little way in, with the
   * estimate, instead of ending in an OutOfMemoryError; a file that fits gets its estimate.
   */
  @Test
  void inputBudgetEstimatesRecordsAndRefusesWhatCannotFit() throws IOException {
    byte[] rows = "1,2\n".repeat((int) InputBudget.PROBE).getBytes(StandardCharsets.US_ASCII);
    try (InputBudget small = new InputBudget(new ByteArrayInputStream(rows), 4L * rows.length)) {
      assertThat(small.readAllBytes()).hasSize(rows.length);
      assertThat(small.bytesRead()).isEqualTo(rows.length);
      assertThat(small.check(InputBudget.PROBE - 1, 40, "small.csv")).isEqualTo(-1);
      assertThat(small.check(InputBudget.PROBE, 40, "small.csv")).isEqualTo(4 * InputBudget.PROBE);
      assertThat(small.check(InputBudget.PROBE + 1, 40, "small.csv")).isEqualTo(-1);
    }
    try (InputBudget huge = new InputBudget(new ByteArrayInputStream(rows), 1L << 50)) {
      assertThat(huge.read()).isEqualTo('1');
      huge.skipNBytes(rows.length - 1);
      assertThatThrownBy(() -> huge.check(InputBudget.PROBE, 40, "huge.csv"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("huge.csv holds about")
          .hasMessageContaining("give Java more heap (-Xmx");
    }
    try (InputBudget unknown = InputBudget.unknown(new ByteArrayInputStream(rows))) {
      unknown.readAllBytes();
      assertThat(unknown.check(InputBudget.PROBE, 1e12, "stdin")).isEqualTo(-1);
    }
  }

  /** A leading UTF-8 mark is dropped; short files keep every byte (FastCSV's detection did not). */
  @Test
  void bomIsDroppedAndShortFilesKeepTheirBytes() throws IOException {
    String[] texts = {
      "", "c", "c7", "c7\n", "ab\n", "abcd", "\uFEFF", "\uFEFFc7\n", "\uFEFF\uFEFFx"
    };
    String[] expected = {"", "c", "c7", "c7\n", "ab\n", "abcd", "", "c7\n", "\uFEFFx"};
    for (int i = 0; i < texts.length; i++) {
      byte[] bytes = texts[i].getBytes(StandardCharsets.UTF_8);
      try (var in = Bom.skipUtf8(new ByteArrayInputStream(bytes))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .as(texts[i])
            .isEqualTo(expected[i]);
      }
    }
  }

  @Test
  void memoryAnswersForWhatFitsAndFormats() {
    assertThat(Memory.freeHeap()).isPositive();
    assertThat(Memory.fits(1024)).isTrue();
    assertThat(Memory.fits(Long.MAX_VALUE)).isFalse();
    assertThat(Memory.gib(3L << 29)).isEqualTo("1.50 GiB");
  }

  @Test
  void messagesCutLongInputAndSayHowMuch() {
    assertThat(Messages.cut(null)).isNull();
    assertThat(Messages.cut("short")).isEqualTo("short");
    String cut = Messages.cut("x".repeat(250));
    assertThat(cut).startsWith("x".repeat(200) + "...").endsWith("(50 more characters)");
  }

  @Test
  void atomicWritesReplaceWholeKeepPermissionsAndLeaveNothingOnFailure() throws IOException {
    Path target = dir.resolve("out.csv");
    AtomicFiles.write(target, f -> Files.writeString(f, "new\n", StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
    AtomicFiles.write(target, f -> Files.writeString(f, "newer\n", StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("newer\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-rw----");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    f -> {
                      Files.writeString(f, "half");
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("out.csv")
        .hasMessageContaining("disk full");
    assertThat(Files.readString(target)).isEqualTo("newer\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
