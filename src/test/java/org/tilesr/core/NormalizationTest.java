package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizationTest {

	@Test
	void inverseUndoesForwardExactlyForEvery16BitValue() {
		final Normalization n = Normalization.range(0, 65535);
		for (int v = 0; v <= 65535; v++)
			assertEquals(v, PixelType.UINT16.fit(n.inverse(n.forward(v))), "value " + v);
		final Normalization ct = Normalization.range(-1024, 3071);
		for (int v = -1024; v <= 3071; v++)
			assertEquals(v, PixelType.INT16.fit(ct.inverse(ct.forward(v))));
	}

	@Test
	void valuesOutsideTheRangeAreScaledNotClipped() {
		final Normalization n = Normalization.fixed(0, 10000);
		assertEquals(1.5f, n.forward(15000), 1e-6);
		assertEquals(-0.1f, n.forward(-1000), 1e-6);
		assertEquals(15000, n.inverse(n.forward(15000)), 1e-2);
	}

	@Test
	void constantImageDoesNotDivideByZero() {
		final Normalization n = Normalization.range(7, 7);
		assertEquals(0, n.forward(7));
		assertEquals(7, n.inverse(0), 0);
	}

	@Test
	void typesRoundAndClamp() {
		assertEquals(65535, PixelType.UINT16.fit(70000.4));
		assertEquals(0, PixelType.UINT16.fit(-3));
		assertEquals(12, PixelType.UINT8.fit(11.6));
		assertEquals(-32768, PixelType.INT16.fit(-40000));
		assertEquals(0.25f, PixelType.FLOAT32.fit(0.25));
		assertThrows(IllegalArgumentException.class, () -> Normalization.fixed(5, 1));
	}

	@Test
	void clippingModesSayTheyClip() {
		final Normalization c = new Normalization("ctwindow", 0, 100, true);
		assertEquals(1f, c.forward(150));
		assertEquals(100, c.inverse(1.7f), 0);
		assertEquals("ctwindow low=0 high=100 clip=yes", c.describe());
	}

	@Test
	void statsAndPercentilesSpanEveryBandOfAGroup() {
		final int[] groups = { 0, 0, 1 };
		final RasterInfo info = new RasterInfo(2, 2, 3, PixelType.UINT16, 7, groups, 1, 0);
		final MemoryRaster r = new MemoryRaster(info, new float[][] { { 3, 9, 7, 7 }, { 100, 4, 5, 6 }, { 0, 1, 2, 3 } });
		final Normalization[] n = DatasetStats.normalizations(NormalizationSpec.range(), r, new Cancel());
		assertEquals(3, n[0].low());
		assertEquals(100, n[0].high(), "group 0 spans bands 0 and 1; nodata 7 left out");
		assertEquals(n[0], n[1]);
		assertEquals(0, n[2].low());
		assertEquals(3, n[2].high());
		final Normalization[] p = DatasetStats.normalizations(NormalizationSpec.percentile(0, 50, false), r, new Cancel());
		assertEquals(3, p[0].low());
		assertEquals(5, p[0].high(), "median of 3,9,100,4,5,6");
	}

	@Test
	void floatPercentilesAreCloseAndCtWindowUsesTheRescale() {
		final float[] v = new float[100_000];
		for (int i = 0; i < v.length; i++)
			v[i] = i * 0.01f;
		final MemoryRaster r = new MemoryRaster(RasterInfo.of(1000, 100, 1, PixelType.FLOAT32, Double.NaN), new float[][] { v });
		final Normalization p = DatasetStats.normalizations(NormalizationSpec.percentile(1, 99, false), r, new Cancel())[0];
		assertEquals(9.9999, p.low(), 0.02);
		assertEquals(989.99, p.high(), 0.02);
		// stored = real + 1024 (CT: HU = stored - 1024): window 40/400 HU is stored 864..1264
		final RasterInfo ct = new RasterInfo(1, 1, 1, PixelType.UINT16, Double.NaN, new int[] { 0 }, 1, -1024);
		final Normalization w = DatasetStats.normalizations(NormalizationSpec.ctWindow(40, 400),
			new MemoryRaster(ct, new float[][] { { 0 } }), new Cancel())[0];
		assertEquals(864, w.low(), 1e-9);
		assertEquals(1264, w.high(), 1e-9);
		assertTrue(w.clips());
	}
}
