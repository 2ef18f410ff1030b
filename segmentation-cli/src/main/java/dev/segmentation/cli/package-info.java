/** The {@code segment} command-line tool. */
package dev.segmentation.cli;
