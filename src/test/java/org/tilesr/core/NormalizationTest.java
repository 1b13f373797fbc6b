package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
	void statsSpanEveryPlane() {
		final Stats s = new Stats();
		s.add(new Plane(2, 1, new float[] { 3, 9 }));
		s.add(new Plane(2, 1, new float[] { -4, Float.NaN }));
		assertEquals(-4, s.min());
		assertEquals(9, s.max());
		assertEquals(3, s.count());
		assertEquals("range low=-4 high=9", s.rangeNormalization().describe());
	}
}
