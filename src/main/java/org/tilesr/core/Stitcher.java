package org.tilesr.core;

import java.util.Arrays;

/**
 * Blends upscaled tile windows of one band into output rows. A window's weight is 1 over its core and crosses over
 * to its neighbour's along each core edge inside the image: sin² rising over {@code ramp} output pixels centred on
 * the edge, where the neighbour's weight falls as cos², so the two add up to exactly 1 and only pixels with at least
 * half a ramp of context count. At the image border the weight stays 1 to the window's end. Values and weights are
 * accumulated and divided. Only the rows still being blended are held: memory is (window height + rows not yet
 * emitted) × width.
 */
public final class Stitcher {

	private final int width;
	private final int height;
	private final int scale;
	private final int ramp;
	/** First output row held in the buffers. */
	private int base;
	private int capacity;
	private float[] sum;
	/** NaN in {@code sum} marks nodata: it stays NaN whatever is added. */
	private float[] weight;

	/**
	 * @param width output width
	 * @param scale output pixels per input pixel (tiles are in input pixels)
	 * @param ramp crossover width in output pixels
	 */
	public Stitcher(final int width, final int height, final int scale, final int ramp) {
		this.width = width;
		this.height = height;
		this.scale = scale;
		this.ramp = ramp;
		this.capacity = 0;
		this.sum = new float[0];
		this.weight = new float[0];
	}

	/**
	 * The 1D weights of a window of {@code n} output pixels starting at {@code start} whose core spans
	 * {@code coreStart..coreEnd}; edges at 0 or {@code size} are image borders (no crossover).
	 */
	static float[] weights(final int n, final int start, final int coreStart, final int coreEnd, final int size, final int ramp) {
		final float[] w = new float[n];
		for (int u = 0; u < n; u++) {
			final double c = start + u + 0.5;
			double f = 1;
			if (coreStart > 0) f *= rise(c - coreStart, ramp);
			if (coreEnd < size) f *= 1 - rise(c - coreEnd, ramp);
			w[u] = (float) f;
		}
		return w;
	}

	/** 0 before −ramp/2, 1 after +ramp/2, sin² between; {@code 1 − rise} is the neighbour's. */
	private static double rise(final double d, final int ramp) {
		if (ramp == 0) return d >= 0 ? 1 : 0;
		if (d <= -ramp / 2.0) return 0;
		if (d >= ramp / 2.0) return 1;
		final double s = Math.sin(Math.PI / 2 * (d / ramp + 0.5));
		return s * s;
	}

	/** Adds one channel of a tile's upscaled window; parts outside the image are dropped. */
	public void add(final float[] data, final int offset, final TileGrid.Tile t) {
		final int x0 = t.windowX() * scale, y0 = t.windowY() * scale, w = t.windowWidth() * scale, h = t.windowHeight() * scale;
		final float[] wx = weights(w, x0, t.x() * scale, (t.x() + t.width()) * scale, width, ramp);
		final float[] wy = weights(h, y0, t.y() * scale, (t.y() + t.height()) * scale, height, ramp);
		final int ya = Math.max(y0, base), yb = Math.min(y0 + h, height);
		final int xa = Math.max(x0, 0), xb = Math.min(x0 + w, width);
		if (ya >= yb || xa >= xb) return;
		ensure(yb);
		for (int y = ya; y < yb; y++) {
			final float fy = wy[y - y0];
			if (fy == 0) continue;
			final int src = offset + (y - y0) * w - x0;
			final int dst = (y - base) * width;
			for (int x = xa; x < xb; x++) {
				final float f = fy * wx[x - x0];
				sum[dst + x] += f * data[src + x];
				weight[dst + x] += f;
			}
		}
	}

	/** Marks output pixels as nodata (rectangle in output pixels, clipped to the image). */
	public void markNodata(final int x0, final int y0, final int w, final int h) {
		final int ya = Math.max(y0, base), yb = Math.min(y0 + h, height);
		final int xa = Math.max(x0, 0), xb = Math.min(x0 + w, width);
		if (ya >= yb || xa >= xb) return;
		ensure(yb);
		for (int y = ya; y < yb; y++)
			Arrays.fill(sum, (y - base) * width + xa, (y - base) * width + xb, Float.NaN);
	}

	/** Rows emitted so far: the next row {@link #emit} returns. */
	public int emitted() {
		return base;
	}

	/**
	 * Returns the finished rows {@code [emitted(), upTo)} as blended values (NaN where nodata) and drops them.
	 *
	 * @param upTo no tile added later touches rows above this
	 */
	public float[] emit(int upTo) {
		upTo = Math.min(upTo, height);
		final int rows = upTo - base;
		if (rows <= 0) return new float[0];
		ensure(upTo);
		final int n = rows * width;
		final float[] out = new float[n];
		for (int i = 0; i < n; i++)
			out[i] = weight[i] == 0 ? Float.NaN : sum[i] / weight[i];
		final int keep = capacity - rows;
		System.arraycopy(sum, n, sum, 0, keep * width);
		System.arraycopy(weight, n, weight, 0, keep * width);
		Arrays.fill(sum, keep * width, capacity * width, 0f);
		Arrays.fill(weight, keep * width, capacity * width, 0f);
		base = upTo;
		return out;
	}

	private void ensure(final int rowEnd) {
		final int need = rowEnd - base;
		if (need <= capacity) return;
		final int cap = Math.max(need, capacity * 3 / 2);
		sum = Arrays.copyOf(sum, cap * width);
		weight = Arrays.copyOf(weight, cap * width);
		capacity = cap;
	}
}
