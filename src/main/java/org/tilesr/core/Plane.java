package org.tilesr.core;

/** One 2D plane of float samples, row-major; a view over an existing array, never a copy. */
public final class Plane {

	private final int width;
	private final int height;
	private final float[] data;

	public Plane(final int width, final int height, final float[] data) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty plane " + width + "x" + height);
		if (data.length != (long) width * height)
			throw new IllegalArgumentException("plane data has " + data.length + " samples, not " + width + "x" + height);
		this.width = width;
		this.height = height;
		this.data = data;
	}

	public Plane(final int width, final int height) {
		this(width, height, new float[Math.multiplyExact(width, height)]);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public float[] data() {
		return data;
	}

	public float get(final int x, final int y) {
		return data[y * width + x];
	}
}
