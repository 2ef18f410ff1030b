/**
 * Bundled sample data with its attribution: {@link dev.segmentation.datasets.SampleDatasets} (the
 * CDNOW purchase log of Fader, Hardie and Lee 2005, and the UCI wholesale customers table). A
 * separate artifact, so a library user who does not ask for sample data does not download it.
 */
package dev.segmentation.datasets;
