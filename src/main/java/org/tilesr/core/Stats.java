package org.tilesr.core;

/** Dataset statistics gathered in one pass over every plane (never per tile). */
public final class Stats {

	private double min = Double.POSITIVE_INFINITY;
	private double max = Double.NEGATIVE_INFINITY;
	private long count;

	public void add(final Plane plane) {
		for (final float v : plane.data()) {
			if (Float.isNaN(v)) continue;
			if (v < min) min = v;
			if (v > max) max = v;
			count++;
		}
	}

	public long count() {
		return count;
	}

	public double min() {
		return min;
	}

	public double max() {
		return max;
	}

	/** The data-range normalization of everything added so far. */
	public Normalization rangeNormalization() {
		if (count == 0) throw new IllegalStateException("no samples");
		return Normalization.range(min, max);
	}
}
