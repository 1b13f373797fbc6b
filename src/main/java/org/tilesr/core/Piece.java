package org.tilesr.core;

/**
 * A tile on its way through the model: its window as 3 channels of normalized input, or of upscaled output once
 * the model has run.
 */
record Piece(TileGrid.Tile tile, float[] data) {

	int windowWidth() {
		return tile.windowWidth();
	}

	int windowHeight() {
		return tile.windowHeight();
	}

	/**
	 * The four quarter-cores of this piece, each with a window of its core plus {@code halo} where this window has it
	 * (sizes rounded up to multiples of {@code m} inside this window), cut from this window.
	 */
	Piece[] split(final int m, final int halo) {
		final TileGrid.Tile t = tile;
		final int w1 = t.width() / 2, h1 = t.height() / 2;
		final int[][] cores = { { 0, 0, w1, h1 }, { w1, 0, t.width() - w1, h1 }, { 0, h1, w1, t.height() - h1 },
			{ w1, h1, t.width() - w1, t.height() - h1 } };
		final Piece[] out = new Piece[4];
		final int ww = t.windowWidth(), plane = ww * t.windowHeight();
		for (int k = 0; k < 4; k++) {
			final int[] c = cores[k];
			final int cx = t.x() + c[0], cy = t.y() + c[1];
			final int[] xs = span(cx, c[2], halo, m, t.windowX(), ww), ys = span(cy, c[3], halo, m, t.windowY(), t.windowHeight());
			final int sw = xs[1], sh = ys[1], ox = xs[0] - t.windowX(), oy = ys[0] - t.windowY();
			final float[] d = new float[3 * sw * sh];
			for (int ch = 0; ch < 3; ch++)
				for (int j = 0; j < sh; j++)
					System.arraycopy(data, ch * plane + (oy + j) * ww + ox, d, (ch * sh + j) * sw, sw);
			out[k] = new Piece(new TileGrid.Tile(cx, cy, c[2], c[3], xs[0], ys[0], sw, sh), d);
		}
		return out;
	}

	/** Start and length of a sub-window: core ± halo within the parent window, rounded up to m inside it. */
	private static int[] span(final int core, final int length, final int halo, final int m, final int parent, final int parentLength) {
		int a = Math.max(parent, core - halo);
		final int b = Math.min(parent + parentLength, core + length + halo);
		final int len = Math.min(parentLength, (b - a + m - 1) / m * m);
		if (a + len > parent + parentLength) a = parent + parentLength - len;
		return new int[] { a, len };
	}

	boolean canSplit(final int m, final int minimum) {
		return tile.width() / 2 >= Math.max(m, minimum) && tile.height() / 2 >= Math.max(m, minimum);
	}
}
