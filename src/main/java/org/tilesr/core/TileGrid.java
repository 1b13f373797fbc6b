package org.tilesr.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a plane into equal tiles that cover every pixel. Each tile's core is {@code tileWidth x tileHeight}; the
 * last row and column are shifted back to end at the image border, so all tiles have one size and batch
 * together. The model sees each core plus {@code halo} pixels of context on every side, mirrored at the edges.
 */
public final class TileGrid {

	/** A tile core in input pixels. */
	public record Tile(int x, int y, int width, int height) {}

	private final int width;
	private final int height;
	private final int tileWidth;
	private final int tileHeight;
	private final int halo;
	private final List<Tile> tiles;

	public TileGrid(final int width, final int height, final int tile, final int halo) {
		if (tile < 1) throw new IllegalArgumentException("tile must be at least 1, got " + tile);
		if (halo < 0) throw new IllegalArgumentException("halo must not be negative, got " + halo);
		this.width = width;
		this.height = height;
		this.tileWidth = Math.min(tile, width);
		this.tileHeight = Math.min(tile, height);
		this.halo = halo;
		final List<Tile> list = new ArrayList<>();
		for (final int y : starts(height, tileHeight))
			for (final int x : starts(width, tileWidth))
				list.add(new Tile(x, y, tileWidth, tileHeight));
		this.tiles = List.copyOf(list);
	}

	private static int[] starts(final int size, final int tile) {
		final int n = (size + tile - 1) / tile;
		final int[] s = new int[n];
		for (int i = 0; i < n; i++)
			s[i] = Math.min(i * tile, size - tile);
		return s;
	}

	public List<Tile> tiles() {
		return tiles;
	}

	public int halo() {
		return halo;
	}

	/** Width of what the model sees: core plus halo on both sides. */
	public int windowWidth() {
		return tileWidth + 2 * halo;
	}

	public int windowHeight() {
		return tileHeight + 2 * halo;
	}

	/** Copies the tile's window (core plus halo, mirrored at the image border) into {@code dst} at {@code offset}. */
	public void readWindow(final Plane plane, final Tile tile, final float[] dst, final int offset) {
		final int ww = windowWidth();
		final int wh = windowHeight();
		final float[] src = plane.data();
		int o = offset;
		for (int j = 0; j < wh; j++) {
			final int row = mirror(tile.y() - halo + j, height) * width;
			for (int i = 0; i < ww; i++)
				dst[o++] = src[row + mirror(tile.x() - halo + i, width)];
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
