package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md that the compiler does not enforce, read off the main sources of
 * every module of the checkout: no cycle between packages, no module reaching up, no algorithm
 * family reaching into another family's machinery.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.segmentation((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
  private static final Pattern PACKAGE =
      Pattern.compile("^package (dev\\.segmentation[a-z0-9.]*);", Pattern.MULTILINE);

  /** Module layers from the bottom; a package may only use packages of its layer or below. */
  private static final List<Map.Entry<String, String>> LAYERS =
      List.of(
          Map.entry("segmentation-api", "dev.segmentation.api"),
          Map.entry("segmentation-core", "dev.segmentation.core"),
          Map.entry("segmentation-algorithms", "dev.segmentation"),
          Map.entry("segmentation-customer", "dev.segmentation.customer"),
          Map.entry("segmentation-datasets", "dev.segmentation.datasets"));

  /** Package to the packages its classes name (imports and qualified names). */
  static Map<String, Set<String>> graph(String... modules) throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    for (String module : modules) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          // Comments name other packages without depending on them.
          String text =
              COMMENT.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll(" ");
          Matcher pm = PACKAGE.matcher(text);
          if (!pm.find()) {
            continue;
          }
          String pkg = pm.group(1);
          Set<String> out = edges.computeIfAbsent(pkg, p -> new TreeSet<>());
          Matcher m = REFERENCE.matcher(text);
          while (m.find()) {
            String target = "dev.segmentation" + m.group(1);
            if (!target.equals(pkg)) {
              out.add(target);
            }
          }
        }
      }
    }
    return edges;
  }

  static List<String> cycle(Map<String, Set<String>> edges) {
    Map<String, Integer> state = new HashMap<>();
    for (String start : edges.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      List<String> found = visit(start, edges, state, path);
      if (found != null) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String p, Map<String, Set<String>> edges, Map<String, Integer> state, Deque<String> path) {
    Integer s = state.get(p);
    if (s != null && s == 2) {
      return null;
    }
    if (s != null && s == 1) {
      List<String> out = new ArrayList<>();
      boolean on = false;
      for (String q : path) {
        on |= q.equals(p);
        if (on) {
          out.add(q);
        }
      }
      out.add(p);
      return out;
    }
    state.put(p, 1);
    path.addLast(p);
    for (String q : edges.getOrDefault(p, Set.of())) {
      List<String> found = visit(q, edges, state, path);
      if (found != null) {
        return found;
      }
    }
    path.removeLast();
    state.put(p, 2);
    return null;
  }

  private static final String[] ALL = {
    "segmentation-api",
    "segmentation-core",
    "segmentation-algorithms",
    "segmentation-customer",
    "segmentation-datasets",
    "segmentation-cli",
    "segmentation-spark",
    "examples",
    "benchmarks",
    "benchmarks-spark"
  };

  @Test
  void noPackageCycleAnywhere() throws IOException {
    Map<String, Set<String>> edges = graph(ALL);
    assertThat(edges).containsKeys("dev.segmentation.kmeans", "dev.segmentation.customer");
    assertThat(cycle(edges)).as("a cycle between packages").isEmpty();
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> edges = new TreeMap<>();
    edges.put("a", Set.of("b"));
    edges.put("b", Set.of("c"));
    edges.put("c", Set.of("a", "d"));
    assertThat(cycle(edges)).containsExactly("a", "b", "c", "a");
    edges.put("c", Set.of("d"));
    assertThat(cycle(edges)).isEmpty();
  }

  @Test
  void noModuleReachesUp() throws IOException {
    for (int layer = 0; layer < LAYERS.size(); layer++) {
      Map<String, Set<String>> edges = graph(LAYERS.get(layer).getKey());
      for (int above = layer + 1; above < LAYERS.size(); above++) {
        String upper = LAYERS.get(above).getValue();
        for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
          for (String target : e.getValue()) {
            boolean lowerOwnsIt = false;
            for (int l = 0; l <= layer; l++) {
              String own = LAYERS.get(l).getValue();
              lowerOwnsIt |= own.equals("dev.segmentation") ? false : target.startsWith(own);
            }
            assertThat(!lowerOwnsIt && (target + ".").startsWith(upper + "."))
                .as("%s (%s) uses %s", e.getKey(), LAYERS.get(layer).getKey(), target)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void coreNamesNoAlgorithmFamily() throws IOException {
    for (Map.Entry<String, Set<String>> e : graph("segmentation-core").entrySet()) {
      for (String target : e.getValue()) {
        assertThat(target).as(e.getKey()).matches("dev\\.segmentation\\.(api|core)(\\..*)?");
      }
    }
  }
}
