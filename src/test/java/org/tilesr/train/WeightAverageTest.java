package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import org.tilesr.TestModels;
import org.tilesr.model.Models;

/** The moving average of a real RRDN's weights: the update rule, the swap in and out, and applying it. */
class WeightAverageTest {

	@Test
	void averagesSwapsAndApplies() {
		try (Model m = Models.trainable(TestModels.catalog().find("esrgan-thick-x2"), Device.cpu());
			NDManager scratch = m.getNDManager().newSubManager())
		{
			final NDArray w = m.getBlock().getParameters().get(0).getValue().getArray();
			final float[] w0 = w.toFloatArray();
			final WeightAverage avg = new WeightAverage(m.getBlock(), 0.75);
			for (final var p : m.getBlock().getParameters()) p.getValue().getArray().addi(1f); // a "step" of +1
			avg.update(scratch); // avg = 0.75 w0 + 0.25 (w0 + 1) = w0 + 0.25
			final float[] trained = w.toFloatArray();
			final float[] inside = avg.with(scratch, w::toFloatArray);
			for (int i = 0; i < w0.length; i++) {
				assertEquals(w0[i] + 1f, trained[i], 1e-6);
				assertEquals(w0[i] + 0.25f, inside[i], 1e-6, "average at " + i);
			}
			assertArrayEquals(trained, w.toFloatArray(), "trained weights back after with()");
			avg.update(scratch); // avg = 0.75 (w0 + 0.25) + 0.25 (w0 + 1) = w0 + 0.4375
			avg.apply(scratch);
			final float[] applied = w.toFloatArray();
			for (int i = 0; i < w0.length; i++) assertEquals(w0[i] + 0.4375f, applied[i], 1e-6);
		}
	}
}
