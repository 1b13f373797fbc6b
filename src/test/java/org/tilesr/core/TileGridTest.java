package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileGridTest {

	@Test
	void coresCoverEveryPixelOnceAndWindowsAreEqualMinimalAndHaveContext() {
		for (final int[] c : new int[][] { { 300, 200, 128, 1 }, { 128, 128, 128, 1 }, { 50, 700, 64, 1 }, { 1, 1, 16, 1 },
			{ 257, 129, 128, 1 }, { 300, 37, 100, 8 }, { 5, 3, 64, 4 }, { 342, 337, 128, 1 }, { 1000, 999, 100, 4 }, { 40, 40, 8, 1 } })
		{
			final int w = c[0], h = c[1], tile = c[2], m = c[3], halo = 5;
			final TileGrid g = new TileGrid(w, h, tile, halo, m);
			final String what = w + "x" + h + " tile " + tile + " multiple " + m;
			assertEquals(0, g.windowWidth() % m, what);
			assertEquals(0, g.windowHeight() % m, what);
			final int[] hits = new int[w * h];
			for (final TileGrid.Tile t : g.tiles()) {
				assertEquals(g.windowWidth(), t.windowWidth(), what);
				assertEquals(g.windowHeight(), t.windowHeight(), what);
				assertTrue(t.windowX() <= t.x() && t.x() + t.width() <= t.windowX() + t.windowWidth(), what + " " + t);
				assertTrue(t.windowY() <= t.y() && t.y() + t.height() <= t.windowY() + t.windowHeight(), what + " " + t);
				// windows stay inside the image, except to round a whole axis up to the multiple
				assertTrue(t.windowX() >= 0 && (t.windowX() + t.windowWidth() <= w || t.windowWidth() == (w + m - 1) / m * m), what + " " + t);
				assertTrue(t.windowY() >= 0 && (t.windowY() + t.windowHeight() <= h || t.windowHeight() == (h + m - 1) / m * m), what + " " + t);
				// a halo of context wherever the image goes on
				if (t.x() > 0) assertTrue(t.x() - t.windowX() >= halo, what + " " + t);
				if (t.x() + t.width() < w) assertTrue(t.windowX() + t.windowWidth() - t.x() - t.width() >= halo, what + " " + t);
				if (t.y() > 0) assertTrue(t.y() - t.windowY() >= halo, what + " " + t);
				if (t.y() + t.height() < h) assertTrue(t.windowY() + t.windowHeight() - t.y() - t.height() >= halo, what + " " + t);
				for (int y = t.y(); y < t.y() + t.height(); y++)
					for (int x = t.x(); x < t.x() + t.width(); x++)
						hits[y * w + x]++;
			}
			for (final int n : hits)
				assertEquals(1, n, "a pixel not in exactly one core: " + what);
			assertMinimal(w, tile, halo, m, g.rows().get(0).size(), g.windowWidth(), what);
			assertMinimal(h, tile, halo, m, g.rows().size(), g.windowHeight(), what);
		}
	}

	/** Within the window limit, and one window fewer could not cover the axis with 2·halo overlaps. */
	private static void assertMinimal(final int length, final int tile, final int halo, final int m, final int n, final int window,
		final String what)
	{
		final int limit = Math.max((tile + 2 * halo) / m * m, (2 * halo + 1 + m - 1) / m * m);
		assertTrue(window <= limit || n == 1 && window == (length + m - 1) / m * m, what);
		assertTrue(n == 1 || (long) (n - 1) * limit - 2L * halo * (n - 2) < length, what + ": " + n + " windows of " + window);
		assertTrue((long) n * window - 2L * halo * (n - 1) >= length, what);
	}

	@Test
	void theIssuesExamplesComputeFewerPixels() {
		// tile 128, halo 10: MR 342x337 was 9 windows of 148² (1.71 pixels computed per pixel needed)
		final TileGrid mr = new TileGrid(342, 337, 128, 10);
		assertEquals(9, mr.tileCount());
		assertEquals(1.26, mr.computedPerNeeded(), 0.01);
		// CT 128x128 is one window, no halo: was 148² (1.34)
		assertEquals(1.0, new TileGrid(128, 128, 128, 10).computedPerNeeded(), 1e-9);
		assertEquals(1.0, new TileGrid(250, 189, 512, 10).computedPerNeeded(), 1e-9);
	}

	@Test
	void mirrorReflectsWithoutRepeatingTheEdge() {
		assertEquals(1, Mirror.reflect(-1, 5));
		assertEquals(2, Mirror.reflect(-2, 5));
		assertEquals(3, Mirror.reflect(5, 5));
		assertEquals(0, Mirror.reflect(8, 5));
		assertEquals(0, Mirror.reflect(-7, 1));
		for (int i = -50; i < 50; i++) {
			final int m = Mirror.reflect(i, 3);
			assertTrue(m >= 0 && m < 3);
		}
	}

	@Test
	void symmetricMirrorRepeatsTheEdge() {
		assertEquals(0, Mirror.symmetric(-1, 5));
		assertEquals(1, Mirror.symmetric(-2, 5));
		assertEquals(4, Mirror.symmetric(5, 5));
		// against the definition, folding step by step (as MATLAB's imresize pads)
		for (int n = 1; n <= 4; n++)
			for (int i = -30; i < 30; i++) {
				int m = i;
				while (m < 0 || m >= n) m = m < 0 ? -m - 1 : 2 * n - m - 1;
				assertEquals(m, Mirror.symmetric(i, n), i + " in " + n);
			}
	}

	@Test
	void windowsRoundedUpToTheMultipleAreMirroredBeyondTheImage() {
		final float[] v = new float[3 * 3];
		for (int i = 0; i < v.length; i++)
			v[i] = i;
		final MemoryRaster p = new MemoryRaster(RasterInfo.of(3, 3, 1, PixelType.FLOAT32, Double.NaN), new float[][] { v });
		final TileGrid g = new TileGrid(3, 3, 64, 1, 4); // one 4x4 window: the image and one mirrored row and column
		assertEquals(1, g.tileCount());
		final float[] w = new float[g.windowWidth() * g.windowHeight()];
		g.readWindow(p, 0, g.tiles().get(0), w, new float[w.length]);
		assertArrayEquals(new float[] { 0, 1, 2, 1, 3, 4, 5, 4, 6, 7, 8, 7, 3, 4, 5, 4 }, w);
	}
}
