package dev.segmentation.customer;

import java.util.Arrays;

/**
 * Numbers distinct strings 0, 1, 2, ... in order of first appearance, keeping each distinct string
 * once as bytes in pages of 1 MiB instead of as a {@code String} object in a hash map: 8 to 12
 * bytes plus the string's length per distinct string instead of about 70. A log of 7 million lines
 * with nearly as many order ids would otherwise spend most of its reading heap on the ids.
 *
 * <p>Strings are stored in modified UTF-8 (one byte for ASCII, two or three for other chars, each
 * UTF-16 unit on its own), which is one-to-one on every {@code char} sequence, lone surrogates
 * included, so equal bytes mean equal strings. Open addressing with linear probing, load at most
 * one half. Not thread-safe.
 */
final class Interner {
  /** Pages of 1 MiB: growing never copies what is stored, and no array is large. */
  private static final int PAGE_BITS = 20;

  private static final int PAGE = 1 << PAGE_BITS;

  /** The longest string kept, in chars; three bytes each and a length must fit in a page. */
  static final int LONGEST = (PAGE - 4) / 3;

  private byte[][] pages = new byte[4][];
  private int page = -1;
  private int used = PAGE;

  /** Where string {@code i} is: page number times {@link #PAGE} plus the offset of its length. */
  private int[] start = new int[64];

  private int size;

  /** Slots hold id + 1; 0 is empty. */
  private int[] table = new int[128];

  /**
   * Returns the number of the string, adding it if it is new.
   *
   * @param s the string, not null, at most {@link #LONGEST} chars
   * @return its number, in {@code [0, size())}
   * @throws IllegalArgumentException if the string is longer than {@link #LONGEST}
   */
  int intern(String s) {
    if (s.length() > LONGEST) {
      throw new IllegalArgumentException(
          "an id of " + s.length() + " characters is longer than " + LONGEST);
    }
    if (used + 4 + 3 * s.length() > PAGE) {
      newPage();
    }
    byte[] p = pages[page];
    int from = used;
    int end = encode(s, p, from + 4);
    int length = end - from - 4;
    p[from] = (byte) (length >>> 24);
    p[from + 1] = (byte) (length >>> 16);
    p[from + 2] = (byte) (length >>> 8);
    p[from + 3] = (byte) length;
    int hash = hash(p, from + 4, end);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int id = table[slot] - 1;
      if (id < 0) {
        break;
      }
      int at = start[id];
      byte[] q = pages[at >>> PAGE_BITS];
      int o = at & (PAGE - 1);
      if (Arrays.equals(q, o + 4, o + 4 + length(q, o), p, from + 4, end)) {
        return id; // already known: the copy just written is overwritten by the next string
      }
    }
    used = end;
    if (size == start.length) {
      start = Arrays.copyOf(start, size + (size >> 1));
    }
    start[size] = (page << PAGE_BITS) | from;
    int id = size++;
    place(hash, id);
    if (2 * size > table.length) {
      rehash();
    }
    return id;
  }

  /**
   * Returns the string with a number.
   *
   * @param id a number returned by {@link #intern}
   * @return the string
   */
  String get(int id) {
    int at = start[id];
    byte[] p = pages[at >>> PAGE_BITS];
    int o = at & (PAGE - 1);
    int end = o + 4 + length(p, o);
    StringBuilder s = new StringBuilder(end - o);
    for (int i = o + 4; i < end; ) {
      int b = p[i++] & 0xFF;
      if (b < 0x80) {
        s.append((char) b);
      } else if (b < 0xE0) {
        s.append((char) (((b & 0x1F) << 6) | (p[i++] & 0x3F)));
      } else {
        s.append((char) (((b & 0x0F) << 12) | ((p[i++] & 0x3F) << 6) | (p[i++] & 0x3F)));
      }
    }
    return s.toString();
  }

  /**
   * Returns how many distinct strings were seen.
   *
   * @return the count
   */
  int size() {
    return size;
  }

  private void newPage() {
    page++;
    if (page == pages.length) {
      if (page >= 1 << (31 - PAGE_BITS)) {
        throw new IllegalStateException("more than 2 GiB of distinct ids");
      }
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    pages[page] = new byte[PAGE];
    used = 0;
  }

  private static int length(byte[] p, int o) {
    return ((p[o] & 0xFF) << 24)
        | ((p[o + 1] & 0xFF) << 16)
        | ((p[o + 2] & 0xFF) << 8)
        | (p[o + 3] & 0xFF);
  }

  /** Writes {@code s} from {@code p[at]}; returns the end. */
  private static int encode(String s, byte[] p, int at) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        p[at++] = (byte) c;
      } else if (c < 0x800) {
        p[at++] = (byte) (0xC0 | (c >> 6));
        p[at++] = (byte) (0x80 | (c & 0x3F));
      } else {
        p[at++] = (byte) (0xE0 | (c >> 12));
        p[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        p[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }

  private static int hash(byte[] b, int from, int to) {
    int h = 0x9E3779B9;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    // spread the low bits, which choose the slot (murmur3's finaliser)
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  private void place(int hash, int id) {
    int mask = table.length - 1;
    int slot = hash & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = id + 1;
  }

  private void rehash() {
    table = new int[table.length * 2];
    for (int id = 0; id < size; id++) {
      int at = start[id];
      byte[] p = pages[at >>> PAGE_BITS];
      int o = at & (PAGE - 1);
      place(hash(p, o + 4, o + 4 + length(p, o)), id);
    }
  }
}
