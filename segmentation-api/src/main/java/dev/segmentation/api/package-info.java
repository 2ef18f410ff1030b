/**
 * Contracts and value types of the segmentation SDK: {@link dev.segmentation.api.Dataset}, {@link
 * dev.segmentation.api.Segmenter}, {@link dev.segmentation.api.SegmentModel}, {@link
 * dev.segmentation.api.SegmentationResult}, {@link dev.segmentation.api.FitSummary}, {@link
 * dev.segmentation.api.ProgressListener} and the unchecked exceptions. Products embedding the SDK
 * program against this package; it depends on EJML only.
 */
package dev.segmentation.api;
