package dev.segmentation.core.parallel;

import java.util.Locale;

/**
 * Estimates before allocating: whether the heap can hold a structure whose size grows with the
 * input or an option (a distance matrix, a map's unit-to-unit tables), so a fit refuses with the
 * estimate instead of dying with an {@code OutOfMemoryError} or a negative array size.
 */
public final class Memory {
  private Memory() {}

  /**
   * Returns the heap a new allocation can still get: the maximum heap less what is in use.
   *
   * @return bytes
   */
  public static long freeHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Returns whether {@code bytes} fit in the free heap; garbage counts as used until collected (the
   * matrix of a previous fit, say), so the heap is collected once before answering no.
   *
   * @param bytes the size of what is to be allocated
   * @return whether it fits
   */
  public static boolean fits(long bytes) {
    if (bytes <= freeHeap()) {
      return true;
    }
    System.gc();
    return bytes <= freeHeap();
  }

  /**
   * Formats bytes as GiB with two decimals, for messages.
   *
   * @param bytes a size
   * @return for example {@code "1.25 GiB"}
   */
  public static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
  }
}
