package dev.segmentation.core.data;

import dev.segmentation.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash, a full disk or a kill leaves either the old file or the complete
 * new one, never a truncated file under its name: the content goes to a temporary file beside the
 * target (same folder, so same file system), which is then moved over the target atomically where
 * the file system can. The new file keeps the permissions of the one it replaces, or gets {@code
 * rw-r--r--} (a temporary file alone would be private to its owner).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes one file's content to a path. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content to {@code file}.
     *
     * @param file a fresh temporary file
     * @throws IOException if writing fails
     */
    void writeTo(Path file) throws IOException;
  }

  private static final Set<PosixFilePermission> DEFAULT =
      PosixFilePermissions.fromString("rw-r--r--");

  /**
   * Writes {@code content} to a temporary file in the target's folder and moves it over {@code
   * target}. A failed write removes the temporary file and leaves the target as it was.
   *
   * @param target the file to write or replace
   * @param content what to write
   * @throws InvalidDataException if the file cannot be written, naming it
   */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
      content.writeTo(tmp);
      if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(
            tmp, Files.exists(absolute) ? Files.getPosixFilePermissions(absolute) : DEFAULT);
      }
      try {
        Files.move(
            tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new InvalidDataException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write has failed already; what is left is a hidden .<name>...tmp file.
        }
      }
    }
  }
}
