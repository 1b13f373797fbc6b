package org.tilesr.core;

/**
 * The writer's stage, before blending: a network output back to its bands (a single band: the mean of the three
 * channels; a triplet: each channel to its band) into their stitchers, and nodata marked there (nearest: an input
 * pixel's s × s output pixels; a skipped tile's whole core).
 */
final class TileDecoder {

	private final int s;
	private final Stitcher[] stitchers;

	TileDecoder(final int scale, final Stitcher[] stitchers) {
		this.s = scale;
		this.stitchers = stitchers;
	}

	void decode(final Piece p, final int[] bands) {
		final int plane = p.windowWidth() * s * p.windowHeight() * s;
		if (bands.length == 1) {
			final float[] mean = new float[plane];
			for (int k = 0; k < plane; k++)
				mean[k] = (p.data()[k] + p.data()[plane + k] + p.data()[2 * plane + k]) / 3;
			stitchers[bands[0]].add(mean, 0, p.tile());
		}
		else for (int c = 0; c < 3; c++)
			stitchers[bands[c]].add(p.data(), c * plane, p.tile());
	}

	/** Output pixels of the nodata input pixels in the tile's core. */
	void markNodata(final boolean[] mask, final TileGrid.Tile t, final int[] bands) {
		final int ww = t.windowWidth();
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (mask[(y + t.coreY()) * ww + x + t.coreX()])
					for (final int b : distinct(bands))
						stitchers[b].markNodata((t.x() + x) * s, (t.y() + y) * s, s, s);
	}

	/** A tile not sent to the network (no data in its core): all nodata. */
	void markSkipped(final TileGrid.Tile t, final int[] bands) {
		for (final int b : distinct(bands))
			stitchers[b].markNodata(t.x() * s, t.y() * s, t.width() * s, t.height() * s);
	}

	static int[] distinct(final int[] bands) {
		return java.util.Arrays.stream(bands).distinct().toArray();
	}
}
