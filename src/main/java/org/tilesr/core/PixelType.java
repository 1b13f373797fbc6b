package org.tilesr.core;

/** Sample types TileSR reads and writes; output keeps the input's type. */
public enum PixelType {
	UINT8(0, 255, true), INT16(Short.MIN_VALUE, Short.MAX_VALUE, true), UINT16(0, 65535, true),
	FLOAT32(-Float.MAX_VALUE, Float.MAX_VALUE, false);

	private final double min;
	private final double max;
	private final boolean integer;

	PixelType(final double min, final double max, final boolean integer) {
		this.min = min;
		this.max = max;
		this.integer = integer;
	}

	public double min() {
		return min;
	}

	public double max() {
		return max;
	}

	public boolean isInteger() {
		return integer;
	}

	/** Rounds (integer types) and clamps a value into this type's range. */
	public float fit(final double v) {
		if (!integer) return (float) v;
		if (Double.isNaN(v)) return (float) min;
		final double r = Math.rint(v);
		return (float) (r < min ? min : r > max ? max : r + 0.0); // + 0.0 turns -0.0 into 0.0
	}
}
