package org.tilesr.core;

/**
 * Border extension by mirroring, in one place: {@link #reflect} for the pipeline's windows (the network sees a
 * continuation without a doubled edge), {@link #symmetric} where the reference method repeats the edge (MATLAB's
 * imresize and its blur, mirror-tiled benchmark rasters).
 */
public final class Mirror {

	private Mirror() {}

	/** Reflects an index into 0..n-1 without repeating the edge sample (numpy's 'reflect': −1 → 1, n → n − 2). */
	public static int reflect(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}

	/** Reflects an index into 0..n-1 repeating the edge sample (numpy's 'symmetric': −1 → 0, −2 → 1, n → n − 1). */
	public static int symmetric(final int i, final int n) {
		final int period = 2 * n;
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - 1 - m;
	}
}
