/**
 * Adapters that run the peer libraries (Smile, ELKI, Apache Commons Math, Tribuo) on the same data
 * and parameters as ours, with their semantics aligned (minPts counting, convergence rule, start).
 * Each peer converts the data to its own format once, outside anything timed, and returns a {@link
 * dev.segmentation.bench.peers.PeerFit} in our conventions (labels 0..k-1, noise -1) so results can
 * be compared row by row. Benchmark-only: Smile is GPL-3 and ELKI AGPL-3; no library module may
 * depend on this package.
 */
package dev.segmentation.bench.peers;
