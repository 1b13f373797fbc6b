package org.tilesr.core;

import java.util.List;

/**
 * Runs an {@link Upscaler} over one grayscale plane tile by tile: read window with halo, normalize, replicate to
 * the model's 3 channels, upscale in batches, average the channels, undo the normalization, keep the core.
 * Output values are in the input's value space (not yet rounded to its type).
 */
public final class TiledEnhancer {

	private static final int MODEL_CHANNELS = 3;

	private final Upscaler upscaler;
	private final int tile;
	private final int halo;
	private final int batch;

	public TiledEnhancer(final Upscaler upscaler, final int tile, final int halo, final int batch) {
		if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
		this.upscaler = upscaler;
		this.tile = tile;
		this.halo = halo;
		this.batch = batch;
	}

	/** Number of tiles {@link #enhance} runs for a plane of this size. */
	public int tileCount(final int width, final int height) {
		return new TileGrid(width, height, tile, halo).tiles().size();
	}

	/**
	 * Enhances a plane. {@code onBatch} is told how many tiles each finished batch held, and may throw (cancel).
	 */
	public Plane enhance(final Plane in, final Normalization norm, final java.util.function.IntConsumer onBatch) {
		final int s = upscaler.scale();
		final TileGrid grid = new TileGrid(in.width(), in.height(), tile, halo);
		final Plane out = new Plane(Math.multiplyExact(in.width(), s), Math.multiplyExact(in.height(), s));
		final List<TileGrid.Tile> tiles = grid.tiles();
		final int ww = grid.windowWidth();
		final int wh = grid.windowHeight();
		final float[] window = new float[ww * wh];
		for (int first = 0; first < tiles.size(); first += batch) {
			final List<TileGrid.Tile> group = tiles.subList(first, Math.min(tiles.size(), first + batch));
			final TileBatch input = new TileBatch(group.size(), MODEL_CHANNELS, wh, ww);
			for (int i = 0; i < group.size(); i++) {
				grid.readWindow(in, group.get(i), window, 0);
				final int o = input.offset(i, 0);
				for (int k = 0; k < window.length; k++) {
					// NaN would spread through every convolution of the tile; the pixel itself stays NaN below.
					final float v = window[k];
					window[k] = Float.isNaN(v) ? 0 : norm.forward(v);
				}
				for (int c = 0; c < MODEL_CHANNELS; c++)
					System.arraycopy(window, 0, input.data(), o + c * window.length, window.length);
			}
			final TileBatch output = upscaler.upscale(input);
			if (output.height() != wh * s || output.width() != ww * s || output.n() != group.size())
				throw new IllegalStateException("model returned " + output.n() + "x" + output.height() + "x" + output.width()
					+ " for " + group.size() + "x" + wh + "x" + ww + " at scale " + s);
			for (int i = 0; i < group.size(); i++)
				paste(output, i, group.get(i), grid.halo() * s, s, norm, out);
			keepNaN(in, group, s, out);
			onBatch.accept(group.size());
		}
		return out;
	}

	/** Input pixels that are NaN stay NaN in all s x s output pixels they become. */
	private static void keepNaN(final Plane in, final List<TileGrid.Tile> tiles, final int s, final Plane out) {
		for (final TileGrid.Tile t : tiles)
			for (int y = t.y(); y < t.y() + t.height(); y++)
				for (int x = t.x(); x < t.x() + t.width(); x++)
					if (Float.isNaN(in.get(x, y)))
						for (int j = 0; j < s; j++)
							java.util.Arrays.fill(out.data(), (y * s + j) * out.width() + x * s, (y * s + j) * out.width() + x * s + s, Float.NaN);
	}

	/** Averages the output channels over the tile's core and writes them, de-normalized, into the output plane. */
	private static void paste(final TileBatch b, final int i, final TileGrid.Tile t, final int margin, final int s,
		final Normalization norm, final Plane out)
	{
		final int bw = b.width();
		final int plane = b.height() * bw;
		final int base = b.offset(i, 0);
		final int cw = t.width() * s;
		final int ch = t.height() * s;
		final float[] src = b.data();
		final float[] dst = out.data();
		final int channels = b.channels();
		for (int y = 0; y < ch; y++) {
			final int srcRow = base + (margin + y) * bw + margin;
			final int dstRow = (t.y() * s + y) * out.width() + t.x() * s;
			for (int x = 0; x < cw; x++) {
				float sum = 0;
				for (int c = 0; c < channels; c++)
					sum += src[srcRow + c * plane + x];
				dst[dstRow + x] = (float) norm.inverse(sum / channels);
			}
		}
	}
}
