package dev.segmentation.bench.peers;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo 4.3.2 (Apache-2.0) K-means. Its default seeding is random: this sets k-means++. It does
 * not accept initial centroids and does not return training labels: {@link #kmeans} returns the
 * centroids (labels are then the nearest centroid of each row) and the iterations it logged.
 */
public final class TribuoPeer {
  private static final IterationCapture ITERATIONS = new IterationCapture();

  // Held so the logger (and the handler on it) is not collected.
  private static final Logger LOGGER = Logger.getLogger(KMeansTrainer.class.getName());

  static {
    LOGGER.setUseParentHandlers(false);
    LOGGER.addHandler(ITERATIONS);
  }

  private TribuoPeer() {}

  /**
   * Builds a Tribuo data set (its data loading, not timed). Feature names are zero-padded so
   * Tribuo's sorted feature order is the column order.
   *
   * @param rows the data
   * @return the data set
   */
  public static MutableDataset<ClusterID> dataset(double[][] rows) {
    ClusteringFactory factory = new ClusteringFactory();
    MutableDataset<ClusterID> ds =
        new MutableDataset<>(new SimpleDataSourceProvenance("benchmark", factory), factory);
    int d = rows[0].length;
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = String.format(Locale.ROOT, "f%03d", j);
    }
    for (double[] row : rows) {
      ds.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
    }
    return ds;
  }

  /**
   * K-means++ then Lloyd on {@code threads} threads.
   *
   * @param ds the data
   * @param k clusters
   * @param maxIterations iteration limit
   * @param threads worker threads
   * @param seed seed
   * @return the centroids and the iterations (no labels: Tribuo does not return them)
   */
  public static PeerFit kmeans(
      MutableDataset<ClusterID> ds, int k, int maxIterations, int threads, long seed) {
    ITERATIONS.last = maxIterations;
    KMeansModel model =
        new KMeansTrainer(
                k,
                maxIterations,
                new L2Distance(),
                KMeansTrainer.Initialisation.PLUSPLUS,
                threads,
                seed)
            .train(ds);
    return new PeerFit(null, centroids(model, ds.getFeatureMap().size()), ITERATIONS.last);
  }

  /** Tribuo logs "K-Means converged at iteration N" and nothing when it hits the limit. */
  private static final class IterationCapture extends Handler {
    private static final Pattern CONVERGED = Pattern.compile("converged at iteration (\\d+)");
    volatile int last;

    @Override
    public void publish(LogRecord record) {
      Matcher m = CONVERGED.matcher(String.valueOf(record.getMessage()));
      if (m.find()) {
        last = Integer.parseInt(m.group(1));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static double[] centroids(KMeansModel model, int d) {
    DenseVector[] c = model.getCentroidVectors();
    double[] out = new double[c.length * d];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = c[i].get(j);
      }
    }
    return out;
  }
}
