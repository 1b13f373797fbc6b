package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tilesr.TestModels;
import org.tilesr.core.TileBatch;

/** The RRDN given channels-last input (TileSR's CPU path) returns what it returns for contiguous input, to float rounding. */
class ChannelsLastTest {

	@Test
	void sameOutputsToFloatRounding() {
		final TileBatch in = new TileBatch(2, 3, 21, 26);
		final Random r = new Random(5);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] = r.nextFloat();
		final ModelCard card = TestModels.catalog().find("esrgan-thick-x2");
		try (Model m = Models.open(card, Device.cpu())) {
			final DjlUpscaler plain = new DjlUpscaler(m, 2, card.settings().value_range, false);
			final DjlUpscaler last = new DjlUpscaler(m, 2, card.settings().value_range, true);
			final TileBatch a = plain.upscale(in), b = last.upscale(in);
			assertEquals(42, b.height());
			assertEquals(52, b.width());
			double worst = 0;
			for (int i = 0; i < a.data().length; i++)
				worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
			System.out.printf("channels-last vs contiguous input: largest output difference %.2e%n", worst);
			assertTrue(worst < 1e-5, "outputs differ by " + worst);
		}
	}

	@Test
	void interleavesEachSample() {
		final TileBatch in = new TileBatch(2, 3, 1, 2, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
		assertArrayEquals(new float[] { 1, 3, 5, 2, 4, 6, 7, 9, 11, 8, 10, 12 }, TileTranslator.interleaved(in));
	}
}
