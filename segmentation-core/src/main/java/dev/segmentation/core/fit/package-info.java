/**
 * The frame every fit shares: {@link dev.segmentation.core.fit.SegmenterBuilder} (the settings all
 * builders have: preprocessing, threads, pool, progress) and {@link
 * dev.segmentation.core.fit.FitFrame} (empty check, preprocessing, blocks, fit summary,
 * provenance). For the algorithm families; users meet it through the builders' inherited setters.
 */
package dev.segmentation.core.fit;
