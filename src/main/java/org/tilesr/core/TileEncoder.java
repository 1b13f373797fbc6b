package org.tilesr.core;

/**
 * The reader's stage: a tile's window of one band job read from the raster (mirrored at its edges, {@link Mirror}),
 * normalized, and laid out as the network's three channels (a single band replicated; a band triplet as R, G, B),
 * with a mask of the nodata pixels. Not thread-safe: one per reader.
 */
final class TileEncoder {

	/** A window ready for the network; {@code nodata} is null when every pixel has data. */
	record Encoded(float[] data, boolean[] nodata) {}

	private final RasterSource src;
	private final TileGrid grid;
	private final Normalization[] norms;
	private final float[] raw, scratch;

	TileEncoder(final RasterSource src, final TileGrid grid, final Normalization[] norms) {
		this.src = src;
		this.grid = grid;
		this.norms = norms;
		final int plane = grid.windowWidth() * grid.windowHeight();
		this.raw = new float[plane];
		this.scratch = new float[plane];
	}

	/** The tile's window, or null when no core pixel has data (the tile is then not sent to the network). */
	Encoded encode(final int[] bands, final TileGrid.Tile t) {
		final RasterInfo info = src.info();
		final int plane = grid.windowWidth() * grid.windowHeight();
		final float[] data = new float[3 * plane];
		final boolean[] nodata = new boolean[plane];
		int valid = 0;
		for (int c = 0; c < 3; c++) {
			if (c > 0 && bands.length == 1) {
				System.arraycopy(data, 0, data, c * plane, plane);
				continue;
			}
			final int band = bands[bands.length == 1 ? 0 : c];
			grid.readWindow(src, band, t, raw, scratch);
			final Normalization n = norms[band];
			for (int k = 0; k < plane; k++) {
				final float v = raw[k];
				if (info.isNodata(v)) {
					nodata[k] = true;
					data[c * plane + k] = 0;
				}
				else {
					data[c * plane + k] = n.forward(v);
					valid++;
				}
			}
		}
		if (!coreValid(nodata, t)) return null;
		return new Encoded(data, valid == plane * (bands.length == 3 ? 3 : 1) ? null : nodata);
	}

	/** Whether any core pixel inside the image has data. */
	private static boolean coreValid(final boolean[] nodata, final TileGrid.Tile t) {
		final int ww = t.windowWidth();
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (!nodata[(y + t.coreY()) * ww + x + t.coreX()]) return true;
		return false;
	}
}
