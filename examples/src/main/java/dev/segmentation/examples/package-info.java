/** Runnable examples on the bundled data. */
package dev.segmentation.examples;
