package org.tilesr.core;

import java.util.Arrays;

/**
 * Blends upscaled tile windows of one band into output rows. Each window is weighted by a separable cosine ramp:
 * 0 over the outer {@code margin} pixels (too little context there), then sin² rising over {@code ramp} pixels,
 * then 1. Values and weights are accumulated and divided, so overlaps fade smoothly from one tile to the next
 * and any tile layout sums correctly. With margin = halo/2 and ramp = halo (output pixels ×s), two neighbours'
 * weights add up to exactly 1 across their 2·halo overlap and no pixel with less than halo/2 of context counts.
 * Only the rows still being blended are held: memory is (window height + rows not yet emitted) × width.
 */
public final class Stitcher {

	private final int width;
	private final int height;
	private final int margin;
	private final int ramp;
	/** First output row held in the buffers. */
	private int base;
	private int capacity;
	private float[] sum;
	/** NaN in {@code sum} marks nodata: it stays NaN whatever is added. */
	private float[] weight;

	/** @param margin zero-weight border and {@code ramp} blending ramp, in output pixels */
	public Stitcher(final int width, final int height, final int margin, final int ramp) {
		this.width = width;
		this.height = height;
		this.margin = margin;
		this.ramp = ramp;
		this.capacity = 0;
		this.sum = new float[0];
		this.weight = new float[0];
	}

	/** The 1D weights of a window of length {@code n}. */
	static float[] weights(final int n, final int margin, final int ramp) {
		final float[] w = new float[n];
		Arrays.fill(w, 1f);
		final int m = Math.min(margin, n / 4), r = Math.min(ramp, n / 2 - m);
		for (int u = 0; u < m; u++)
			w[u] = w[n - 1 - u] = 0;
		for (int u = 0; u < r; u++) {
			final double s = Math.sin(Math.PI / 2 * (u + 0.5) / r);
			w[m + u] = w[n - 1 - m - u] = (float) (s * s);
		}
		return w;
	}

	/**
	 * Adds one channel of an upscaled window whose top-left output pixel is ({@code x0}, {@code y0}); parts outside
	 * the image are dropped.
	 */
	public void add(final float[] data, final int offset, final int x0, final int y0, final int w, final int h) {
		final float[] wx = weights(w, margin, ramp), wy = weights(h, margin, ramp);
		final int ya = Math.max(y0, base), yb = Math.min(y0 + h, height);
		final int xa = Math.max(x0, 0), xb = Math.min(x0 + w, width);
		if (ya >= yb || xa >= xb) return;
		ensure(yb);
		for (int y = ya; y < yb; y++) {
			final int src = offset + (y - y0) * w - x0;
			final int dst = (y - base) * width;
			final float fy = wy[y - y0];
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
