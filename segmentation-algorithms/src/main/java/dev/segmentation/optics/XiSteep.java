package dev.segmentation.optics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The xi-steep cluster search over a reachability plot (Ankerst et al. 1999, section 4.3, Figure
 * 19), with the corrections scikit-learn documents: a steep downward point is one where {@code r(p)
 * (1 - xi) >= r(p + 1)} (the paper's Definition 9 has the inequality reversed), and the end of a
 * cluster moves left while {@code r(x) > r(sD)} (Definition 11, 4c, reversed in the paper).
 */
final class XiSteep {
  private XiSteep() {}

  /** A steep down area: its first and last position and the maximum in between since. */
  private static final class Area {
    final int start;
    final int end;
    double mib;

    Area(int start, int end) {
      this.start = start;
      this.end = end;
    }
  }

  /**
   * The clusters of the plot {@code r} (n positions and an infinite sentinel at n), as {start, end}
   * positions, smaller clusters before the larger ones that hold them.
   */
  static List<int[]> clusters(
      double[] r,
      int[] predecessorRow,
      int[] ordering,
      double xi,
      int minPoints,
      int minClusterSize,
      boolean correction) {
    int n = r.length - 1;
    double keep = 1 - xi;
    boolean[] steepUp = new boolean[n];
    boolean[] steepDown = new boolean[n];
    boolean[] down = new boolean[n];
    boolean[] up = new boolean[n];
    for (int i = 0; i < n; i++) {
      // infinite over infinite is NaN, which is neither steep nor up nor down
      double ratio = r[i] / r[i + 1];
      steepUp[i] = ratio <= keep;
      steepDown[i] = ratio >= 1 / keep;
      down[i] = ratio > 1;
      up[i] = ratio < 1;
    }
    int[] positionOf = new int[n];
    for (int i = 0; i < n; i++) {
      positionOf[ordering[i]] = i;
    }
    List<Area> areas = new ArrayList<>();
    List<int[]> clusters = new ArrayList<>();
    int index = 0;
    double mib = 0;
    for (int steep = 0; steep < n; steep++) {
      if (!(steepUp[steep] || steepDown[steep]) || steep < index) {
        continue;
      }
      for (int i = index; i <= steep; i++) {
        mib = Math.max(mib, r[i]);
      }
      areas = filter(areas, mib, keep, r);
      if (steepDown[steep]) {
        int end = extend(steepDown, up, steep, minPoints);
        areas.add(new Area(steep, end));
        index = end + 1;
        mib = r[index];
        continue;
      }
      int upStart = steep;
      int upEnd = extend(steepUp, down, upStart, minPoints);
      index = upEnd + 1;
      mib = r[index];
      List<int[]> found = new ArrayList<>();
      for (Area a : areas) {
        int s = a.start;
        int e = upEnd;
        if (r[e + 1] * keep < a.mib) {
          continue;
        }
        double top = r[a.start];
        if (top * keep >= r[e + 1]) {
          while (r[s + 1] > r[e + 1] && s < a.end) {
            s++;
          }
        } else if (r[e + 1] * keep >= top) {
          while (r[e - 1] > top && e > upStart) {
            e--;
          }
        }
        if (correction) {
          e = correctedEnd(r, predecessorRow, positionOf, s, e);
          if (e < 0) {
            continue;
          }
        }
        if (e - s + 1 < minClusterSize || s > a.end || e < upStart) {
          continue;
        }
        found.add(new int[] {s, e});
      }
      Collections.reverse(found);
      clusters.addAll(found);
    }
    return clusters;
  }

  /** Drops the steep down areas the maximum in between has risen above, and updates the rest. */
  private static List<Area> filter(List<Area> areas, double mib, double keep, double[] r) {
    List<Area> out = new ArrayList<>();
    if (Double.isInfinite(mib)) {
      return out;
    }
    for (Area a : areas) {
      if (mib <= r[a.start] * keep) {
        a.mib = Math.max(a.mib, mib);
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The end of the steep area starting at {@code start}: it goes on through steep points and
   * through at most {@code minPoints} consecutive points that are neither steep nor turning back.
   */
  private static int extend(boolean[] steep, boolean[] back, int start, int minPoints) {
    int n = steep.length;
    int loose = 0;
    int end = start;
    for (int i = start; i < n; i++) {
      if (steep[i]) {
        loose = 0;
        end = i;
      } else if (!back[i]) {
        if (++loose > minPoints) {
          break;
        }
      } else {
        return end;
      }
    }
    return end;
  }

  /**
   * The predecessor correction (Schubert and Gertz 2018, Algorithm 2): the cluster {@code [s, e]}
   * shrinks from the right until its last row was reached from a row inside it, or its first row
   * lies above its last. Returns the new end, or -1 when nothing is left.
   */
  private static int correctedEnd(
      double[] r, int[] predecessorRow, int[] positionOf, int s, int e) {
    while (s < e) {
      if (r[s] > r[e]) {
        return e;
      }
      int p = predecessorRow[e];
      if (p >= 0 && positionOf[p] >= s && positionOf[p] < e) {
        return e;
      }
      e--;
    }
    return -1;
  }
}
