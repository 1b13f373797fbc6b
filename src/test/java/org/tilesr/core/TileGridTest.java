package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileGridTest {

	@Test
	void everyPixelIsCoveredByEqualTiles() {
		for (final int[] c : new int[][] { { 300, 200, 128, 1 }, { 128, 128, 128, 1 }, { 50, 700, 64, 1 }, { 1, 1, 16, 1 },
			{ 257, 129, 128, 1 }, { 300, 37, 100, 8 }, { 5, 3, 64, 4 } })
		{
			final int m = c[3];
			final TileGrid g = new TileGrid(c[0], c[1], c[2], 5, m);
			assertEquals(0, g.windowWidth() % m);
			assertEquals(0, g.windowHeight() % m);
			assertTrue(g.halo() >= 5);
			final int[] hits = new int[c[0] * c[1]];
			for (final TileGrid.Tile t : g.tiles()) {
				assertEquals(Math.min(c[2] / m * m, (c[0] + m - 1) / m * m), t.width());
				assertEquals(Math.min(c[2] / m * m, (c[1] + m - 1) / m * m), t.height());
				assertTrue(t.x() >= 0 && t.y() >= 0 && (t.x() + t.width() <= c[0] || t.x() == 0)
					&& (t.y() + t.height() <= c[1] || t.y() == 0), t.toString());
				for (int y = t.y(); y < Math.min(c[1], t.y() + t.height()); y++)
					for (int x = t.x(); x < Math.min(c[0], t.x() + t.width()); x++)
						hits[y * c[0] + x]++;
			}
			for (final int h : hits)
				assertTrue(h >= 1, "uncovered pixel in " + c[0] + "x" + c[1]);
		}
	}

	@Test
	void mirrorReflectsWithoutRepeatingTheEdge() {
		assertEquals(1, TileGrid.mirror(-1, 5));
		assertEquals(2, TileGrid.mirror(-2, 5));
		assertEquals(3, TileGrid.mirror(5, 5));
		assertEquals(0, TileGrid.mirror(8, 5));
		assertEquals(0, TileGrid.mirror(-7, 1));
		for (int i = -50; i < 50; i++) {
			final int m = TileGrid.mirror(i, 3);
			assertTrue(m >= 0 && m < 3);
		}
	}

	@Test
	void windowHoldsCoreAndMirroredHalo() {
		final float[] v = new float[4 * 3];
		for (int i = 0; i < v.length; i++)
			v[i] = i;
		final MemoryRaster p = new MemoryRaster(RasterInfo.of(4, 3, 1, PixelType.FLOAT32, Double.NaN), new float[][] { v });
		final TileGrid g = new TileGrid(4, 3, 2, 1);
		final float[] w = new float[g.windowWidth() * g.windowHeight()];
		g.readWindow(p, 0, g.tiles().get(0), w, new float[w.length]); // core (0,0) 2x2, window (-1,-1) 4x4
		assertArrayEquals(new float[] { 5, 4, 5, 6, 1, 0, 1, 2, 5, 4, 5, 6, 9, 8, 9, 10 }, w);
	}
}
