/**
 * HDBSCAN*: density-based segments of varying density and GLOSH outlier scores (Campello, Moulavi
 * and Sander 2013; Campello, Moulavi, Zimek and Sander 2015, ACM TKDD 10(1)). For now the engine
 * only, package-private and tested against a direct implementation; the builder, model, CLI and
 * report come with it in one piece.
 */
package dev.segmentation.hdbscan;
