/**
 * HDBSCAN*: density-based segments of varying density, membership probabilities and GLOSH outlier
 * scores (Campello, Moulavi and Sander 2013; Campello, Moulavi, Zimek and Sander 2015, ACM TKDD
 * 10(1)), with the condensed tree and the approximate prediction of new customers. Start from
 * {@code Segmentation.hdbscan()}; the spanning tree is {@code core.index.SpanningTree}.
 */
package dev.segmentation.hdbscan;
