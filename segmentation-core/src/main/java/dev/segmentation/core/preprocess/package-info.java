/** Feature scaling recipes and the fitted transformations that models keep. */
package dev.segmentation.core.preprocess;
