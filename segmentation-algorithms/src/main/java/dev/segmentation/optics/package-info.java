/**
 * OPTICS (Ankerst, Breunig, Kriegel and Sander 1999, "OPTICS: ordering points to identify the
 * clustering structure", SIGMOD): the reachability ordering of the rows, a plot of the density
 * structure at every radius at once, with cluster extraction by a DBSCAN-equivalent radius cut and
 * by the xi-steep method. Start from {@code Segmentation.optics()}.
 */
package dev.segmentation.optics;
