package org.tilesr.core;

/**
 * A tile on its way through the model: its core (input pixels) with the window around it (core ± halo) as 3
 * channels of normalized input, or of upscaled output once the model has run.
 */
record Piece(int x, int y, int width, int height, int halo, float[] data) {

	int windowWidth() {
		return width + 2 * halo;
	}

	int windowHeight() {
		return height + 2 * halo;
	}

	/** The four quarter-cores of this piece (sizes kept multiples of {@code m}), windows cut from this window. */
	Piece[] split(final int m) {
		final int w1 = Math.max(m, width / 2 / m * m), h1 = Math.max(m, height / 2 / m * m);
		final int[][] parts = { { 0, 0, w1, h1 }, { w1, 0, width - w1, h1 }, { 0, h1, w1, height - h1 },
			{ w1, h1, width - w1, height - h1 } };
		final Piece[] out = new Piece[4];
		final int ww = windowWidth(), plane = ww * windowHeight();
		for (int k = 0; k < 4; k++) {
			final int[] p = parts[k];
			final int sw = p[2] + 2 * halo, sh = p[3] + 2 * halo;
			final float[] d = new float[3 * sw * sh];
			for (int c = 0; c < 3; c++)
				for (int j = 0; j < sh; j++)
					System.arraycopy(data, c * plane + (p[1] + j) * ww + p[0], d, (c * sh + j) * sw, sw);
			out[k] = new Piece(x + p[0], y + p[1], p[2], p[3], halo, d);
		}
		return out;
	}

	boolean canSplit(final int m, final int minimum) {
		return width / 2 >= Math.max(m, minimum) && height / 2 >= Math.max(m, minimum);
	}
}
