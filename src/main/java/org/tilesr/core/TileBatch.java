package org.tilesr.core;

/** A batch of image tiles as one float tensor {@code [n, channels, height, width]}, row-major (NCHW). */
public final class TileBatch {

	private final int n;
	private final int channels;
	private final int height;
	private final int width;
	private final float[] data;

	public TileBatch(final int n, final int channels, final int height, final int width, final float[] data) {
		if ((long) n * channels * height * width != data.length)
			throw new IllegalArgumentException("batch data has " + data.length + " values, not " + n + "x" + channels + "x" + height + "x" + width);
		this.n = n;
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.data = data;
	}

	public TileBatch(final int n, final int channels, final int height, final int width) {
		this(n, channels, height, width, new float[Math.multiplyExact(Math.multiplyExact(n * channels, height), width)]);
	}

	public int n() {
		return n;
	}

	public int channels() {
		return channels;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public float[] data() {
		return data;
	}

	/** Offset of sample (i, c, 0, 0) in {@link #data()}. */
	public int offset(final int i, final int c) {
		return (i * channels + c) * height * width;
	}
}
