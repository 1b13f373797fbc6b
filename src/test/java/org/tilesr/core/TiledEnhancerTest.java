package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilesr.model.Devices;
import org.tilesr.model.DjlUpscaler;

/**
 * Tiling, channel replication/averaging, normalization and its inverse through a real DJL model whose answer is
 * known: nearest-neighbour ×s. Every 16-bit value must come back exactly, whatever the tile and halo.
 */
class TiledEnhancerTest {

	private static DjlUpscaler nearest(final int s) {
		Devices.engine();
		final Model m = Model.newInstance("nearest-x" + s, Device.cpu(), Devices.ENGINE);
		m.setBlock(new LambdaBlock(l -> new NDList(l.head().repeat(2, s).repeat(3, s)), "nearest"));
		return new DjlUpscaler(m, s, new double[] { 0, 255 });
	}

	@ParameterizedTest
	@CsvSource({ "2, 37, 64, 0, 1", "2, 16, 64, 4, 3", "3, 50, 23, 7, 2", "1, 8, 8, 0, 4", "2, 200, 1, 2, 1" })
	void nearestModelReturnsEvery16BitValueExactly(final int s, final int tile, final int size, final int halo,
		final int batch)
	{
		final int w = size * 2 + 5, h = size;
		final Plane in = new Plane(w, h);
		final Random r = new Random(w * 31 + h);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] = r.nextInt(65536);
		in.data()[0] = 0;
		in.data()[1] = 65535;
		in.data()[in.data().length - 3] = Float.NaN;
		try (DjlUpscaler up = nearest(s)) {
			final TiledEnhancer te = new TiledEnhancer(up, tile, halo, batch);
			final int[] tiles = { 0 };
			final Plane out = te.enhance(in, Normalization.range(0, 65535), n -> tiles[0] += n);
			assertEquals(te.tileCount(w, h), tiles[0]);
			assertEquals(w * s, out.width());
			assertEquals(h * s, out.height());
			for (int y = 0; y < h * s; y++)
				for (int x = 0; x < w * s; x++) {
					final float expected = in.get(x / s, y / s);
					final float got = PixelType.UINT16.fit(out.get(x, y));
					if (Float.isNaN(expected)) assertTrue(Float.isNaN(out.get(x, y)), "NaN kept at " + x + "," + y);
					else assertEquals(expected, got, "at " + x + "," + y);
				}
		}
	}
}
