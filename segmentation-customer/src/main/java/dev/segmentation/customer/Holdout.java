package dev.segmentation.customer;

import dev.segmentation.api.InvalidOptionException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic holdout (control) groups for honest measurement: a customer is held out when a hash
 * of the salt and the customer id, read as a number in [0, 1), falls below the fraction of the
 * customer's segment. The flag depends on nothing but the salt, the id and that fraction, so it
 * does not change when other customers are added or removed, on any machine or JVM.
 *
 * <pre>{@code
 * Holdout holdout = Holdout.of("campaign-2026-12", 0.10).fraction(3, 0.25);
 * boolean control = holdout.isHeldOut("00042", segment);
 * }</pre>
 *
 * <p>Hash: 64-bit FNV-1a over the UTF-8 bytes of the salt, a zero byte and the id, then
 * MurmurHash3's 64-bit finaliser (so ids differing in the last character spread over the whole
 * range); the top 53 bits divided by 2^53 give the number. Different salts give independent groups.
 * Immutable and serializable (so distributed engines can ship it to their workers).
 */
public final class Holdout {

  private final byte[] salt;
  private final String saltText;
  private final double fraction;
  private final double[] perSegment;

  private Holdout(String salt, double fraction, double[] perSegment) {
    this.saltText = salt;
    this.salt = salt.getBytes(StandardCharsets.UTF_8);
    this.fraction = fraction;
    this.perSegment = perSegment;
  }

  /**
   * Holds out the same fraction of every segment.
   *
   * @param salt any text, for example the campaign name; not null
   * @param fraction share of customers held out, in {@code [0, 1]}
   * @return the holdout
   * @throws InvalidOptionException if the fraction is outside {@code [0, 1]}
   */
  public static Holdout of(String salt, double fraction) {
    check(fraction, "fraction");
    return new Holdout(Objects.requireNonNull(salt, "salt"), fraction, new double[0]);
  }

  /**
   * Returns a holdout that uses another fraction for one segment.
   *
   * @param segment the segment label, {@code >= 0}
   * @param share its fraction, in {@code [0, 1]}
   * @return a new holdout
   * @throws InvalidOptionException if the segment is negative or the share outside {@code [0, 1]}
   */
  public Holdout fraction(int segment, double share) {
    check(share, "fraction of segment " + segment);
    if (segment < 0) {
      throw new InvalidOptionException("segment", segment, "must be >= 0");
    }
    double[] p = Arrays.copyOf(perSegment, Math.max(perSegment.length, segment + 1));
    for (int s = perSegment.length; s < p.length; s++) {
      p[s] = Double.NaN;
    }
    p[segment] = share;
    return new Holdout(saltText, fraction, p);
  }

  private static void check(double share, String what) {
    if (!(share >= 0 && share <= 1)) {
      throw new InvalidOptionException(what, share, "must be in [0, 1]");
    }
  }

  /**
   * Returns the salt the positions are hashed with.
   *
   * @return the salt
   */
  public String salt() {
    return saltText;
  }

  /**
   * Returns the fraction held out of segments without their own.
   *
   * @return the default fraction
   */
  public double fraction() {
    return fraction;
  }

  /**
   * Returns the fractions set per segment with {@link #fraction(int, double)}: index s holds
   * segment s's fraction, or NaN where the default applies.
   *
   * @return a copy, as long as the highest segment given plus one
   */
  public double[] segmentFractions() {
    return perSegment.clone();
  }

  /**
   * Returns the fraction held out of one segment.
   *
   * @param segment a segment label ({@code -1} for customers in none)
   * @return its fraction
   */
  public double fractionOf(int segment) {
    return segment >= 0 && segment < perSegment.length && !Double.isNaN(perSegment[segment])
        ? perSegment[segment]
        : fraction;
  }

  /**
   * Returns the customer's position in [0, 1): the hash described on the class.
   *
   * @param customerId the id
   * @return a number in [0, 1), uniform over ids
   */
  public double position(String customerId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : salt) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    // the zero byte between salt and id: xor with 0 leaves h, the multiply remains
    h *= 0x100000001b3L;
    for (byte b : customerId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }

  /**
   * Returns whether a customer of a segment is held out. O(length of the id).
   *
   * @param customerId the id
   * @param segment the customer's segment
   * @return true for the holdout (control) group
   */
  public boolean isHeldOut(String customerId, int segment) {
    return position(customerId) < fractionOf(segment);
  }

  /**
   * Flags every customer.
   *
   * @param customerIds ids in row order
   * @param segments segment of every row
   * @return one flag per row
   * @throws IllegalArgumentException if the lengths differ
   */
  public boolean[] flags(List<String> customerIds, int[] segments) {
    if (customerIds.size() != segments.length) {
      throw new IllegalArgumentException(
          customerIds.size() + " ids for " + segments.length + " segment labels");
    }
    boolean[] out = new boolean[segments.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = isHeldOut(customerIds.get(i), segments[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Holdout[salt=" + saltText + ", fraction=" + fraction + "]";
  }
}
