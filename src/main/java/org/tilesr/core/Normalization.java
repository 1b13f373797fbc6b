package org.tilesr.core;

import java.util.Locale;

/**
 * Maps one channel's values to the model's 0..1 range and back: {@code (v - low) / (high - low)}. A value object
 * computed once per dataset, so every tile of every slice sees the same mapping and a rerun is reproducible.
 * Values outside low..high are scaled, never clipped, so the 16-bit tails survive the round trip.
 */
public final class Normalization {

	private final String mode;
	private final double low;
	private final double high;
	private final double span;

	private Normalization(final String mode, final double low, final double high) {
		if (!(high >= low)) throw new IllegalArgumentException("normalization needs low <= high, got " + low + ".." + high);
		this.mode = mode;
		this.low = low;
		this.high = high;
		this.span = high > low ? high - low : 1;
	}

	/** Full data range of the dataset: low = its minimum, high = its maximum. */
	public static Normalization range(final double min, final double max) {
		return new Normalization("range", min, max);
	}

	/** A fixed range given by the user (e.g. reflectance 0..10000). */
	public static Normalization fixed(final double low, final double high) {
		return new Normalization("fixed", low, high);
	}

	public String mode() {
		return mode;
	}

	public double low() {
		return low;
	}

	public double high() {
		return high;
	}

	public float forward(final double v) {
		return (float) ((v - low) / span);
	}

	public double inverse(final float v) {
		return v * span + low;
	}

	/** For provenance, e.g. {@code range low=-1024 high=3071}. */
	public String describe() {
		return String.format(Locale.ROOT, "%s low=%s high=%s", mode, num(low), num(high));
	}

	private static String num(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Override
	public String toString() {
		return describe();
	}
}
