package dev.segmentation.api;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the public API of {@code segmentation-api}: the public and protected signatures of every
 * public type are compared with the recorded list in {@code src/test/resources/api/}. An accidental
 * change fails the build; an intended one is accepted by re-recording the list.
 */
class PublicApiTest {
  private static final Path RECORDED = Path.of("src/test/resources/api/segmentation-api.txt");

  @Test
  void publicApiMatchesTheRecordedSignatures() throws Exception {
    String current = String.join("\n", signatures()) + "\n";
    if (Boolean.getBoolean("api.accept")) {
      Files.writeString(RECORDED, current, StandardCharsets.UTF_8);
    }
    String recorded =
        Files.exists(RECORDED) ? Files.readString(RECORDED, StandardCharsets.UTF_8) : "";
    assertThat(current)
        .as(
            "The public API of segmentation-api changed. If the change is intended, record it with"
                + "\n  mvn -pl segmentation-api test -Dtest=PublicApiTest -Dapi.accept=true"
                + "\nand commit %s with the change (and note it in the changelog of your pull request).",
            RECORDED)
        .isEqualTo(recorded);
  }

  static List<String> signatures() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(Dataset.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = root.resolve("dev/segmentation/api");
    List<String> classNames;
    try (Stream<Path> files = Files.list(pkg)) {
      classNames =
          files
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
              .map(f -> "dev.segmentation.api." + f.substring(0, f.length() - 6).replace('$', '.'))
              .sorted()
              .toList();
    }
    List<String> out = new ArrayList<>();
    for (String name : classNames) {
      Class<?> c = load(name);
      if (c == null || !Modifier.isPublic(c.getModifiers())) {
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

  private static Class<?> load(String dotted) throws ClassNotFoundException {
    // Nested types: turn the last dots back into '$' until the class loads.
    String name = dotted;
    while (true) {
      try {
        return Class.forName(name, false, PublicApiTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        int dot = name.lastIndexOf('.');
        if (dot < "dev.segmentation.api.".length()) {
          throw e;
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
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
