package dev.segmentation.hierarchical;

/**
 * Merges as algorithms find them: two representative leaves (any row of each merged segment) and a
 * height. Turned into a {@link Dendrogram} by {@link Dendrogram#of}.
 */
final class Merges {
  final int[] a;
  final int[] b;
  final double[] height;
  int count;

  Merges(int capacity) {
    a = new int[capacity];
    b = new int[capacity];
    height = new double[capacity];
  }

  void add(int leafA, int leafB, double h) {
    a[count] = leafA;
    b[count] = leafB;
    height[count] = h;
    count++;
  }
}
