package dev.segmentation.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Drops a leading UTF-8 byte order mark (EF BB BF) from a stream, as spreadsheets write it, so that
 * the first header name or id is read as written. Every reader of the library uses it instead of
 * FastCSV's {@code detectBomHeader}, which loses the first byte of files shorter than four bytes
 * (an opt-out file {@code "c7\n"} read as {@code "7"}: the customer stayed in).
 */
public final class Bom {
  private Bom() {}

  /**
   * Returns the stream without a leading UTF-8 byte order mark.
   *
   * @param in the bytes, read from their start
   * @return a stream that yields them, the mark left out if there was one; closing it closes {@code
   *     in}
   * @throws IOException if the first bytes cannot be read
   */
  public static InputStream skipUtf8(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, 3);
    byte[] head = new byte[3];
    int n = 0;
    while (n < 3) {
      int r = p.read(head, n, 3 - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    boolean mark =
        n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
    if (!mark && n > 0) {
      p.unread(head, 0, n);
    }
    return p;
  }
}
