/** Distance kernels on flat row-major arrays, shared by every algorithm. */
package dev.segmentation.core.distance;
