/** Deterministic parallel loops over fixed blocks of rows. */
package dev.segmentation.core.parallel;
