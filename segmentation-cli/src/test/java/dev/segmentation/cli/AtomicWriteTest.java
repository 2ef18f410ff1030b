package dev.segmentation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 1: a command killed with SIGKILL while it writes leaves the old file or the
 * complete new one under the final name, never a truncated one.
 */
class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void aKillDuringTheWriteLeavesTheOldFileWhole() throws Exception {
    Path log = dir.resolve("log.csv");
    int customers = 300_000;
    try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      w.write("customer_id,date,amount\n");
      for (int i = 0; i < customers; i++) {
        w.write("c" + i + ",2025-0" + (1 + i % 9) + "-1" + (i % 10) + "," + (5 + i % 97) + "\n");
      }
    }
    Path out = dir.resolve("features.csv");
    String old = "customer_id,recency_days\nold,1\n";
    Files.writeString(out, old, StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.segmentation.cli.SegmentCommand",
            "features",
            "--transactions",
            log.toString(),
            "--as-of",
            "2025-12-31",
            "--output",
            out.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("run.txt").toFile());
    Process p = pb.start();
    boolean sawTemporary = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (temporaryFiles().findAny().isPresent()) {
        sawTemporary = true;
        p.destroyForcibly();
        break;
      }
      Thread.sleep(2);
    }
    p.waitFor(30, TimeUnit.SECONDS);
    String now = Files.readString(out, StandardCharsets.UTF_8);
    if (sawTemporary) {
      // killed mid-write: the old file is untouched, whatever the temporary file held
      assertThat(now).isEqualTo(old);
    } else {
      // it finished before a poll saw it writing: then the new file is whole
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(customers + 1);
    }
    assertThat(sawTemporary).as("the write was caught in the act").isTrue();
  }

  private Stream<Path> temporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(".features.csv"))
          .toList()
          .stream();
    }
  }
}
