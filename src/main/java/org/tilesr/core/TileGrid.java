package org.tilesr.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a raster into rows of equal tiles that cover every pixel. Tile cores are {@code tileWidth x tileHeight};
 * the last row and column are shifted back to end at the border, so all tiles have one size and batch together.
 * The model sees each core plus {@code halo} pixels of context on every side, mirrored at the image edges. Core
 * and halo are multiples of the model's {@code multiple}, so every window is too; an image smaller than a tile
 * gets one tile, mirrored beyond its border.
 */
public final class TileGrid {

	/** A tile core in input pixels (may reach beyond the image when the image is smaller than one tile). */
	public record Tile(int x, int y, int width, int height) {}

	private final int width;
	private final int height;
	private final int tileWidth;
	private final int tileHeight;
	private final int halo;
	private final List<List<Tile>> rows;

	public TileGrid(final int width, final int height, final int tile, final int halo, final int multiple) {
		if (tile < 1) throw new IllegalArgumentException("tile must be at least 1, got " + tile);
		if (halo < 0) throw new IllegalArgumentException("halo must not be negative, got " + halo);
		if (multiple < 1) throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
		this.width = width;
		this.height = height;
		final int t = Math.max(multiple, tile / multiple * multiple);
		this.tileWidth = Math.min(t, roundUp(width, multiple));
		this.tileHeight = Math.min(t, roundUp(height, multiple));
		this.halo = roundUp(halo, multiple);
		final List<List<Tile>> list = new ArrayList<>();
		for (final int y : starts(height, tileHeight)) {
			final List<Tile> row = new ArrayList<>();
			for (final int x : starts(width, tileWidth))
				row.add(new Tile(x, y, tileWidth, tileHeight));
			list.add(List.copyOf(row));
		}
		this.rows = List.copyOf(list);
	}

	public TileGrid(final int width, final int height, final int tile, final int halo) {
		this(width, height, tile, halo, 1);
	}

	private static int roundUp(final int v, final int m) {
		return (v + m - 1) / m * m;
	}

	private static int[] starts(final int size, final int tile) {
		final int n = Math.max(1, (size + tile - 1) / tile);
		final int[] s = new int[n];
		for (int i = 0; i < n; i++)
			s[i] = Math.max(0, Math.min(i * tile, size - tile));
		return s;
	}

	public List<List<Tile>> rows() {
		return rows;
	}

	public List<Tile> tiles() {
		final List<Tile> all = new ArrayList<>();
		rows.forEach(all::addAll);
		return all;
	}

	public int tileCount() {
		return rows.size() * rows.get(0).size();
	}

	public int halo() {
		return halo;
	}

	public int tileWidth() {
		return tileWidth;
	}

	public int tileHeight() {
		return tileHeight;
	}

	/** Width of what the model sees: core plus halo on both sides. */
	public int windowWidth() {
		return tileWidth + 2 * halo;
	}

	public int windowHeight() {
		return tileHeight + 2 * halo;
	}

	/** Input pixels the model computes per image pixel, minus one: the cost of halos and overlaps. */
	public double haloOverhead() {
		return (double) tileCount() * windowWidth() * windowHeight() / ((double) width * height) - 1;
	}

	/**
	 * Reads the tile's window (core plus halo, mirrored at the image border) of one band into {@code dst}.
	 * {@code scratch} must hold {@code windowWidth() * windowHeight()} values.
	 */
	public void readWindow(final RasterSource src, final int band, final Tile tile, final float[] dst, final float[] scratch) {
		final int ww = windowWidth(), wh = windowHeight();
		final int x0 = tile.x() - halo, y0 = tile.y() - halo;
		final int bx0 = Math.max(0, x0), by0 = Math.max(0, y0);
		final int bw = Math.min(width, x0 + ww) - bx0, bh = Math.min(height, y0 + wh) - by0;
		src.read(band, bx0, by0, bw, bh, scratch);
		int o = 0;
		for (int j = 0; j < wh; j++) {
			final int row = (mirror(y0 + j, height) - by0) * bw;
			for (int i = 0; i < ww; i++)
				dst[o++] = scratch[row + mirror(x0 + i, width) - bx0];
		}
	}

	/** Reflects an index into 0..n-1 without repeating the edge sample (numpy's 'reflect'). */
	static int mirror(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}
}
