package dev.segmentation.hierarchical;

import java.util.Arrays;

/**
 * A binary min-heap of the ids {@code 0 .. n-1} keyed by doubles, with key updates in O(log n).
 * Ties go to the lower id, so the order of equal keys is deterministic.
 */
final class MinHeap {
  private final int[] heap;
  private final int[] where;
  private final double[] key;
  private int size;

  MinHeap(int n) {
    heap = new int[n];
    where = new int[n];
    key = new double[n];
    Arrays.fill(where, -1);
  }

  void add(int id, double k) {
    key[id] = k;
    heap[size] = id;
    where[id] = size;
    up(size++);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int top() {
    return heap[0];
  }

  double topKey() {
    return key[heap[0]];
  }

  void update(int id, double k) {
    double old = key[id];
    key[id] = k;
    if (k < old) {
      up(where[id]);
    } else {
      down(where[id]);
    }
  }

  void remove(int id) {
    int i = where[id];
    size--;
    if (i != size) {
      heap[i] = heap[size];
      where[heap[i]] = i;
      up(i);
      down(where[heap[i]]);
    }
    where[id] = -1;
  }

  private boolean less(int a, int b) {
    return key[a] < key[b] || (key[a] == key[b] && a < b);
  }

  private void up(int i) {
    int id = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!less(id, heap[p])) {
        break;
      }
      heap[i] = heap[p];
      where[heap[i]] = i;
      i = p;
    }
    heap[i] = id;
    where[id] = i;
  }

  private void down(int i) {
    int id = heap[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && less(heap[c + 1], heap[c])) {
        c++;
      }
      if (!less(heap[c], id)) {
        break;
      }
      heap[i] = heap[c];
      where[heap[i]] = i;
      i = c;
    }
    heap[i] = id;
    where[id] = i;
  }
}
