/**
 * k-prototypes and k-modes (Huang 1998) for customers described by numeric and categorical columns:
 * {@link dev.segmentation.kprototypes.KPrototypes} fits, {@link
 * dev.segmentation.kprototypes.KPrototypesModel} assigns, explains and profiles.
 */
package dev.segmentation.kprototypes;
