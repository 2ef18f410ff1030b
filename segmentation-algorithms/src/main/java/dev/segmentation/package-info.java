/** The fluent entry point {@link dev.segmentation.Segmentation}. */
package dev.segmentation;
