/** JMH benchmarks and measurement programs; not published. */
package dev.segmentation.bench;
