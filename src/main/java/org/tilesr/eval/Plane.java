package org.tilesr.eval;

/** One band of an image as floats, row-major. */
public record Plane(int width, int height, float[] data) {

	public Plane {
		if (width < 1 || height < 1 || data.length != (long) width * height)
			throw new IllegalArgumentException(width + "x" + height + " plane with " + data.length + " values");
	}

	public float get(final int x, final int y) {
		return data[y * width + x];
	}
}
