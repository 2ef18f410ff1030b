/**
 * Density-based segmentation: {@link dev.segmentation.dbscan.Dbscan} (builder), {@link
 * dev.segmentation.dbscan.DbscanModel} and {@link dev.segmentation.dbscan.CoreExplanation}. DBSCAN
 * as defined by Ester, Kriegel, Sander and Xu (1996, "A density-based algorithm for discovering
 * clusters in large spatial databases with noise", KDD), with the border-point rule and parallel
 * union-find of Schubert et al. (2017, "DBSCAN revisited, revisited", ACM TODS 42) over the core
 * module's neighbour index.
 */
package dev.segmentation.dbscan;
