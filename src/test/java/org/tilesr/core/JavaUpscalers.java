package org.tilesr.core;

/**
 * Upscalers in plain Java whose exact output is known, for testing the engine around a network without any
 * native library: nearest neighbour, nearest with the colour channels reversed, and one that really runs out of
 * Java heap above a batch size.
 */
public final class JavaUpscalers {

	private JavaUpscalers() {}

	/** Nearest-neighbour ×s (×1 is the identity). */
	public static Upscaler nearest(final int s) {
		return of(s, false, Long.MAX_VALUE);
	}

	/** Nearest ×s with the colour channels reversed (to check which band is which model channel). */
	public static Upscaler nearestReversed(final int s) {
		return of(s, true, Long.MAX_VALUE);
	}

	/**
	 * Nearest ×s that asks the JVM for an array larger than any JVM makes once a batch has more than
	 * {@code maxPixels} input pixels, so the JVM itself refuses it (a real OutOfMemoryError).
	 */
	public static Upscaler hungry(final int s, final long maxPixels) {
		return of(s, false, maxPixels);
	}

	private static Upscaler of(final int s, final boolean reversed, final long maxPixels) {
		return new Upscaler() {
			@Override
			public int scale() {
				return s;
			}

			@Override
			public TileBatch upscale(final TileBatch in) {
				// an array larger than any JVM makes: "Requested array size exceeds VM limit", whatever the heap
				if ((long) in.n() * in.height() * in.width() > maxPixels && new float[Integer.MAX_VALUE].length > 0) throw new IllegalStateException();
				final int h = in.height(), w = in.width(), c = in.channels();
				final TileBatch out = new TileBatch(in.n(), c, h * s, w * s);
				for (int i = 0; i < in.n(); i++)
					for (int k = 0; k < c; k++) {
						final int src = in.offset(i, reversed ? c - 1 - k : k), dst = out.offset(i, k);
						for (int y = 0; y < h * s; y++)
							for (int x = 0; x < w * s; x++)
								out.data()[dst + y * w * s + x] = in.data()[src + (y / s) * w + x / s];
					}
				return out;
			}

			@Override
			public String device() {
				return "java";
			}

			@Override
			public void close() {}
		};
	}
}
