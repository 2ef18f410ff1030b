package dev.segmentation.core.data;

import dev.segmentation.api.InvalidDataException;
import dev.segmentation.core.parallel.Memory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes a reader takes from a file so that, a little way in, it can estimate how many
 * records the whole file holds and refuse before filling the heap: a 2 GB file read into a 1 GB
 * heap stops after its first few megabytes with the estimate and the fix, instead of minutes later
 * with an {@code OutOfMemoryError}. The estimate also lets the reader reserve its columns once
 * instead of growing them by copying.
 *
 * <p>Wrap the raw file stream (before any decompression: a gzip file's records are then counted
 * against its compressed size, which gives the same ratio) and call {@link #check} once per record;
 * it does its work only once, at the {@link #PROBE}-th record.
 */
public final class InputBudget extends FilterInputStream {
  /** Records read before the estimate is made. */
  public static final long PROBE = 50_000;

  private final long total;
  private long read;
  private boolean checked;

  /**
   * Wraps a stream.
   *
   * @param in the raw bytes of the file
   * @param totalBytes the file's size, or a negative number when unknown (no estimate then)
   */
  public InputBudget(InputStream in, long totalBytes) {
    super(in);
    this.total = totalBytes;
  }

  /**
   * A budget that never estimates, for streams of unknown length.
   *
   * @param in the bytes
   * @return a wrapper that counts but never refuses
   */
  public static InputBudget unknown(InputStream in) {
    return new InputBudget(in, -1);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      read++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      read += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long k = super.skip(n);
    read += Math.max(0, k);
    return k;
  }

  /**
   * Returns the bytes taken from the file so far (the reader's buffer included).
   *
   * @return a count
   */
  public long bytesRead() {
    return read;
  }

  /**
   * At the {@link #PROBE}-th record, estimates the records of the whole file from the bytes they
   * took and checks that the heap can hold them.
   *
   * @param records records read so far
   * @param bytesPerRecord heap one record needs once read (with the reader's growth margin)
   * @param source the file, for the message
   * @return the estimated number of records in the whole file at the probe, or -1 (before the
   *     probe, after it, or when the size is unknown)
   * @throws InvalidDataException if the estimate does not fit in the free heap, giving the estimate
   *     and the fix
   */
  public long check(long records, double bytesPerRecord, String source) {
    if (checked || records < PROBE || total < 0 || read <= 0) {
      return -1;
    }
    checked = true;
    long estimate = (long) Math.ceil(records * (double) total / read);
    long need = (long) Math.ceil((estimate - records) * bytesPerRecord);
    if (!Memory.fits(need)) {
      throw new InvalidDataException(
          source
              + " holds about "
              + estimate
              + " records (estimated from its size and its first "
              + records
              + "); reading them needs about "
              + Memory.gib(need)
              + " more heap but "
              + Memory.gib(Memory.freeHeap())
              + " is free; give Java more heap (-Xmx, or JAVA_OPTS for the segment command) or"
              + " read a sample of the file");
    }
    return estimate;
  }
}
