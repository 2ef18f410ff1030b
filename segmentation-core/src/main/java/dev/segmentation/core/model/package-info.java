/**
 * What the layers above the algorithms may know of a fitted model beyond {@link
 * dev.segmentation.api.SegmentModel}: {@link dev.segmentation.core.model.PrototypeModel}, the
 * models that assign by nearest prototype.
 */
package dev.segmentation.core.model;
