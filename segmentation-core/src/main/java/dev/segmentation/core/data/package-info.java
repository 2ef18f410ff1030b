/** Loading customer data: CSV files, bundled sample data, row checks. */
package dev.segmentation.core.data;
