package dev.segmentation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards the public surface of every published library module: the public and protected signatures
 * of every public type are compared with the recorded list in {@code
 * src/test/resources/api/<module>.txt}. An accidental change fails the build; an intended one is
 * accepted by re-recording the lists ({@code mvn -pl examples test -Dtest=PublicApiTest
 * -Dapi.accept=true}) and committing them with the change.
 */
class PublicApiTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "segmentation-api, dev.segmentation.api.Dataset",
    "segmentation-core, dev.segmentation.core.data.CsvDatasets",
    "segmentation-algorithms, dev.segmentation.Segmentation",
    "segmentation-customer, dev.segmentation.customer.TransactionLog",
    "segmentation-datasets, dev.segmentation.datasets.SampleDatasets",
    "segmentation-spark, dev.segmentation.spark.SparkSegmentation"
  })
  void publicSignaturesMatchTheRecordedOnes(String module, String anchor) throws Exception {
    Path recorded = Path.of("src/test/resources/api/" + module + ".txt");
    String current = String.join("\n", signatures(Class.forName(anchor))) + "\n";
    if (Boolean.getBoolean("api.accept")) {
      Files.writeString(recorded, current, StandardCharsets.UTF_8);
    }
    String before =
        Files.exists(recorded) ? Files.readString(recorded, StandardCharsets.UTF_8) : "";
    assertThat(current)
        .as(
            "The public API of %s changed. If the change is intended, record it with"
                + "\n  mvn -pl examples test -Dtest=PublicApiTest -Dapi.accept=true"
                + "\nand commit %s with the change (and say so in the pull request).",
            module, recorded)
        .isEqualTo(before);
  }

  /** The public signatures of every class in the jar or folder {@code anchor} was loaded from. */
  static List<String> signatures(Class<?> anchor)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> files = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        all.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(files::add);
      }
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        jar.stream().map(JarEntry::getName).forEach(files::add);
      }
    }
    List<String> classNames =
        files.stream()
            .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class"))
            .map(f -> f.substring(0, f.length() - 6).replace('/', '.'))
            .sorted()
            .toList();
    List<String> out = new ArrayList<>();
    for (String name : classNames) {
      Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
      if (!isPublished(c)) {
        continue;
      }
      out.add(describe(c));
      List<String> members = new ArrayList<>();
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers())) {
          members.add("  " + k.toGenericString());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          members.add("  " + m.toGenericString());
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !f.isSynthetic()) {
          members.add("  " + f.toGenericString());
        }
      }
      members.sort(null);
      out.addAll(members);
    }
    return out;
  }

  /** A public type reachable from outside: public itself and in every enclosing type. */
  private static boolean isPublished(Class<?> c) {
    for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String describe(Class<?> c) {
    StringBuilder s = new StringBuilder(c.toGenericString());
    if (c.getGenericSuperclass() != null
        && c.getSuperclass() != Object.class
        && !c.isEnum()
        && !c.isRecord()) {
      s.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      s.append(" implements");
      for (var i : c.getGenericInterfaces()) {
        s.append(' ').append(i.getTypeName());
      }
    }
    return s.toString();
  }
}
