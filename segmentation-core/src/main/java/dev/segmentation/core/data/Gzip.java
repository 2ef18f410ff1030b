package dev.segmentation.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Recognises gzip-compressed input by its first two bytes (0x1f 0x8b), whatever the file is called,
 * so that a compressed file passed where text is expected is read instead of failing on binary
 * bytes. A CSV file cannot start with these bytes (0x8b is not valid UTF-8 after 0x1f).
 */
public final class Gzip {
  private Gzip() {}

  /**
   * Returns a stream of the content: decompressed if it is gzip, else the bytes as they are.
   *
   * @param in the raw bytes; closing the result closes it
   * @return the text's bytes
   * @throws IOException if the stream cannot be read or the gzip header is corrupt
   */
  public static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int first = b.read();
    int second = b.read();
    b.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(b, 1 << 16);
    }
    return b;
  }
}
