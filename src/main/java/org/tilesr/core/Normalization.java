package org.tilesr.core;

import java.util.Locale;

/**
 * Maps one channel's stored values to the model's 0..1 range and back: {@code (v - low) / (high - low)}. A value
 * object computed once per dataset, so every tile of every slice sees the same mapping and a rerun is
 * reproducible. Unless {@code clips}, values outside low..high are scaled, not clipped, so 16-bit tails survive.
 */
public final class Normalization {

	private final String description;
	private final double low;
	private final double high;
	private final double span;
	private final boolean clips;

	public Normalization(final String description, final double low, final double high, final boolean clips) {
		if (!(high >= low)) throw new IllegalArgumentException("normalization needs low <= high, got " + low + ".." + high);
		this.description = description;
		this.low = low;
		this.high = high;
		this.span = high > low ? high - low : 1;
		this.clips = clips;
	}

	/** Full data range of the dataset: low = its minimum, high = its maximum. */
	public static Normalization range(final double min, final double max) {
		return new Normalization("range", min, max, false);
	}

	/** A fixed range given by the user (e.g. reflectance 0..10000), not clipping. */
	public static Normalization fixed(final double low, final double high) {
		return new Normalization("fixed", low, high, false);
	}

	public double low() {
		return low;
	}

	public double high() {
		return high;
	}

	/** True when values outside low..high are clipped (they do not come back in the output). */
	public boolean clips() {
		return clips;
	}

	public float forward(final double v) {
		final float x = (float) ((v - low) / span);
		return clips ? Math.max(0f, Math.min(1f, x)) : x;
	}

	public double inverse(final float v) {
		return (clips ? Math.max(0f, Math.min(1f, v)) : v) * span + low;
	}

	/** For provenance, e.g. {@code range low=-1024 high=3071 clip=no}. */
	public String describe() {
		return String.format(Locale.ROOT, "%s low=%s high=%s clip=%s", description, num(low), num(high), clips ? "yes" : "no");
	}

	static String num(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Override
	public String toString() {
		return describe();
	}
}
