package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles and runs every Java snippet of the README and the user guide ({@code docs/*.md}), so the
 * documentation cannot drift from the API. A snippet with a class is compiled as it is and its
 * {@code main} run; any other is the body of a {@code main} that imports every library package (the
 * user guide says so). A snippet followed by an {@code <!-- output -->} (or, for the README's quick
 * start, {@code <!-- quickstart-output -->}) text block must print exactly that.
 */
class DocsSnippetsTest {
  @TempDir Path dir;

  static final List<String> PACKAGES =
      List.of(
          "dev.segmentation",
          "dev.segmentation.api",
          "dev.segmentation.core.data",
          "dev.segmentation.core.distance",
          "dev.segmentation.core.evaluate",
          "dev.segmentation.core.index",
          "dev.segmentation.core.preprocess",
          "dev.segmentation.customer",
          "dev.segmentation.customer.clv",
          "dev.segmentation.customer.decide",
          "dev.segmentation.customer.profile",
          "dev.segmentation.customer.propensity",
          "dev.segmentation.datasets",
          "dev.segmentation.dbscan",
          "dev.segmentation.hdbscan",
          "dev.segmentation.hierarchical",
          "dev.segmentation.io",
          "dev.segmentation.kmeans",
          "dev.segmentation.kprototypes",
          "dev.segmentation.optics",
          "dev.segmentation.som",
          "java.nio.file",
          "java.time",
          "java.util");

  private static final Pattern BLOCK =
      Pattern.compile(
          "```java\\n(.*?)```(\\s*(?:It prints:\\s*)?<!-- (?:quickstart-)?output -->\\s*```text\\n(.*?)```)?",
          Pattern.DOTALL);

  /** One snippet: where it is, its code and the output it must print (or null). */
  record Snippet(String where, String code, String output) {
    @Override
    public String toString() {
      return where;
    }
  }

  static Stream<Snippet> snippets() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("..", "README.md"));
    try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Snippet> out = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = BLOCK.matcher(Files.readString(page));
      int n = 0;
      while (m.find()) {
        n++;
        out.add(new Snippet(page.getFileName() + " snippet " + n, m.group(1), m.group(3)));
      }
    }
    return out.stream();
  }

  @Test
  void theReadmeAndEveryPageOfTheGuideHaveSnippets() throws IOException {
    List<Snippet> all = snippets().toList();
    assertThat(all).anyMatch(s -> s.where().startsWith("README.md") && s.output() != null);
    assertThat(all.stream().map(s -> s.where().replaceAll(" snippet.*", "")).distinct())
        .contains(
            "dbscan.md", "hierarchical.md", "som.md", "customers.md", "predictions.md", "spark.md");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compilesRunsAndPrintsWhatTheDocsSay(Snippet s) throws Exception {
    String name = "Snippet" + Integer.toHexString(s.where().hashCode() & 0x7fffffff);
    String source;
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(s.code());
    if (cls.find()) {
      name = cls.group(1);
      source = s.code();
    } else {
      StringBuilder sb = new StringBuilder();
      for (String p : PACKAGES) {
        sb.append("import ").append(p).append(".*;\n");
      }
      // java.util.List and friends do not clash with the library; Dataset is the library's
      sb.append("import dev.segmentation.api.Dataset;\n");
      sb.append("public class ").append(name).append(" {\n");
      sb.append("  public static void main(String[] args) throws Exception {\n");
      sb.append(s.code()).append("\n  }\n}\n");
      source = sb.toString();
    }
    Path src = dir.resolve(name + ".java");
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            null,
            diagnostics,
            "-proc:none",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            src.toString());
    assertThat(rc).as(s.where() + "\n" + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Path cwd = dir;
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {cwd.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(name).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    if (s.output() != null) {
      assertThat(captured.toString(StandardCharsets.UTF_8).strip())
          .as(s.where() + " prints what the docs say")
          .isEqualTo(s.output().strip());
    }
  }
}
