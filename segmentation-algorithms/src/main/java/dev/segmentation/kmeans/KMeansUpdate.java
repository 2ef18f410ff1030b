package dev.segmentation.kmeans;

/**
 * What {@link KMeansModel#update} did: the updated model, each new customer's segment under the
 * previous and under the updated model, and the transitions between the two. Segment ids are the
 * same in both models, so a transition {@code s -> t} means a customer the old centroids put in
 * {@code s} now sits in {@code t}. Immutable.
 */
public final class KMeansUpdate {
  private final KMeansModel model;
  private final int[] previousLabels;
  private final int[] labels;
  private final int iterations;

  KMeansUpdate(KMeansModel model, int[] previousLabels, int[] labels, int iterations) {
    this.model = model;
    this.previousLabels = previousLabels.clone();
    this.labels = labels.clone();
    this.iterations = iterations;
  }

  /**
   * Returns the updated model.
   *
   * @return the model, with the previous model's segment ids
   */
  public KMeansModel model() {
    return model;
  }

  /**
   * Returns each batch row's segment under the previous model.
   *
   * @return a copy
   */
  public int[] previousLabels() {
    return previousLabels.clone();
  }

  /**
   * Returns each batch row's segment under the updated model.
   *
   * @return a copy
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Returns the number of Lloyd iterations the update ran.
   *
   * @return 0 for an empty batch
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns how many batch rows moved from each segment to each: {@code [from][to]}, {@code k x k}.
   *
   * @return a new table; the diagonal holds the rows that stayed
   */
  public long[][] transitions() {
    int k = model.numSegments();
    long[][] t = new long[k][k];
    for (int i = 0; i < labels.length; i++) {
      t[previousLabels[i]][labels[i]]++;
    }
    return t;
  }

  /**
   * Returns the number of batch rows whose segment changed.
   *
   * @return the off-diagonal total of {@link #transitions()}
   */
  public long moved() {
    long m = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != previousLabels[i]) {
        m++;
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "KMeansUpdate[" + labels.length + " rows, " + moved() + " moved]";
  }
}
