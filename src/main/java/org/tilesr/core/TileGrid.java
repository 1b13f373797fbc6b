package org.tilesr.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a raster out in tiles so that the model computes as few pixels as it can. Each axis gets the fewest windows
 * of one size (at most tile + 2·halo, a multiple of the model's {@code multiple}) that cover it with at least
 * 2·halo of overlap between neighbours, spread evenly from edge to edge; so every window has the same size (they
 * batch together), neighbours share at least a halo of context on each side of the line between their cores, and
 * nothing is computed beyond the image border, where the model pads as it would for the whole image. Cores (the
 * output each tile owns) split the overlaps in the middle. An axis that fits in one window is one window: the whole
 * axis, mirrored beyond its end only when it is not a multiple of {@code multiple}.
 */
public final class TileGrid {

	/**
	 * A tile: its core {@code (x, y, width, height)}, the pixels it owns, and its window, what the model sees; input
	 * pixels. A window reaches beyond the image only when the image is not a multiple of the model's multiple.
	 */
	public record Tile(int x, int y, int width, int height, int windowX, int windowY, int windowWidth, int windowHeight) {

		/** Where the core starts inside the window. */
		int coreX() {
			return x - windowX;
		}

		int coreY() {
			return y - windowY;
		}
	}

	/** One axis: window starts, the window length, and core boundaries ({@code cores[i]..cores[i+1]}). */
	record Axis(int[] starts, int window, int[] cores) {

		int count() {
			return starts.length;
		}
	}

	private final int width;
	private final int height;
	private final int halo;
	private final Axis columns;
	private final Axis rowsAxis;
	private final List<List<Tile>> rows;

	/**
	 * @param tile the largest core: windows are at most {@code tile + 2·halo}
	 * @param halo context each window has beyond its core where the image goes on; also the blending width
	 */
	public TileGrid(final int width, final int height, final int tile, final int halo, final int multiple) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("empty raster " + width + "x" + height);
		if (tile < 1) throw new IllegalArgumentException("tile must be at least 1, got " + tile);
		if (halo < 0) throw new IllegalArgumentException("halo must not be negative, got " + halo);
		if (multiple < 1) throw new IllegalArgumentException("multiple must be at least 1, got " + multiple);
		this.width = width;
		this.height = height;
		this.halo = halo;
		this.columns = axis(width, tile, halo, multiple);
		this.rowsAxis = axis(height, tile, halo, multiple);
		final List<List<Tile>> list = new ArrayList<>();
		for (int j = 0; j < rowsAxis.count(); j++) {
			final List<Tile> row = new ArrayList<>();
			final int y = rowsAxis.cores()[j], h = rowsAxis.cores()[j + 1] - y;
			for (int i = 0; i < columns.count(); i++) {
				final int x = columns.cores()[i], w = columns.cores()[i + 1] - x;
				row.add(new Tile(x, y, w, h, columns.starts()[i], rowsAxis.starts()[j], columns.window(), rowsAxis.window()));
			}
			list.add(List.copyOf(row));
		}
		this.rows = List.copyOf(list);
	}

	public TileGrid(final int width, final int height, final int tile, final int halo) {
		this(width, height, tile, halo, 1);
	}

	/** The fewest equal windows along an axis of {@code length} (see the class comment). */
	static Axis axis(final int length, final int tile, final int halo, final int m) {
		int limit = (tile + 2 * halo) / m * m;
		if (limit - 2 * halo < 1) limit = roundUp(2 * halo + 1, m); // room for a core of at least one pixel
		final int whole = roundUp(length, m);
		if (whole <= limit) return new Axis(new int[] { 0 }, whole, new int[] { 0, length });
		int n = 2, window;
		while ((window = roundUp(ceilDiv(length + 2 * halo * (n - 1), n), m)) > limit)
			n++;
		final int[] starts = new int[n], cores = new int[n + 1];
		for (int i = 0; i < n; i++)
			starts[i] = (int) ((long) i * (length - window) / (n - 1));
		for (int i = 1; i < n; i++)
			cores[i] = (starts[i - 1] + window + starts[i]) / 2; // the middle of the overlap
		cores[n] = length;
		return new Axis(starts, window, cores);
	}

	private static int roundUp(final int v, final int m) {
		return (v + m - 1) / m * m;
	}

	private static int ceilDiv(final int a, final int b) {
		return (a + b - 1) / b;
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

	/** Width of what the model sees (every window has this size). */
	public int windowWidth() {
		return columns.window();
	}

	public int windowHeight() {
		return rowsAxis.window();
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Pixels the model computes per image pixel: 1 when the image is one window, more for overlaps. */
	public double computedPerNeeded() {
		return (double) tileCount() * windowWidth() * windowHeight() / ((double) width * height);
	}

	/**
	 * Reads a tile's window of one band into {@code dst} (mirrored beyond the image, which only windows rounded up
	 * to the model's multiple reach). {@code scratch} must hold as many values as the window.
	 */
	public void readWindow(final RasterSource src, final int band, final Tile tile, final float[] dst, final float[] scratch) {
		final int ww = tile.windowWidth(), wh = tile.windowHeight(), x0 = tile.windowX(), y0 = tile.windowY();
		final int bx0 = Math.max(0, x0), by0 = Math.max(0, y0);
		final int bw = Math.min(width, x0 + ww) - bx0, bh = Math.min(height, y0 + wh) - by0;
		src.read(band, bx0, by0, bw, bh, scratch);
		if (bw == ww && bh == wh) {
			System.arraycopy(scratch, 0, dst, 0, ww * wh);
			return;
		}
		int o = 0;
		for (int j = 0; j < wh; j++) {
			final int row = (Mirror.reflect(y0 + j, height) - by0) * bw;
			for (int i = 0; i < ww; i++)
				dst[o++] = scratch[row + Mirror.reflect(x0 + i, width) - bx0];
		}
	}

}
