package dev.segmentation.som;

/** The shape of a self-organizing map's grid. */
public enum Topology {
  /** Units on a square lattice: up to 4 immediate neighbours at distance 1. */
  RECTANGULAR,
  /**
   * Units on a hexagonal lattice (odd rows shifted right by half a unit, rows {@code sqrt(3)/2}
   * apart): up to 6 immediate neighbours, all at distance 1, so neighbourhoods are rounder.
   */
  HEXAGONAL
}
