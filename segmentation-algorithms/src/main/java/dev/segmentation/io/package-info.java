/**
 * Model files: {@link dev.segmentation.io.ModelFiles} saves every model of the library, with its
 * preprocessing and provenance, as versioned, checksummed JSON and loads it back with every value
 * checked. No Java serialization.
 */
package dev.segmentation.io;
