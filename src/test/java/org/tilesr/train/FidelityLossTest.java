package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** The fidelity loss against hand-computed values on DJL's PyTorch engine. */
class FidelityLossTest {

	@Test
	void pixelLossesAndSsimTerm() {
		try (NDManager m = NDManager.newBaseManager()) {
			// 8×8 target; prediction off by +0.1 on half the pixels and −0.3 on the other half
			final float[] y = new float[64], p = new float[64];
			for (int i = 0; i < 64; i++) {
				y[i] = (i % 8) / 8f;
				p[i] = y[i] + (i < 32 ? 0.1f : -0.3f);
			}
			final NDList label = new NDList(m.create(y, new Shape(1, 1, 8, 8))), pred = new NDList(m.create(p, new Shape(1, 1, 8, 8)));
			assertEquals((0.1 + 0.3) / 2, value(new FidelityLoss("l1", 0), label, pred), 1e-6);
			assertEquals((0.01 + 0.09) / 2, value(new FidelityLoss("l2", 0), label, pred), 1e-6);
			// identical images: SSIM 1, so the SSIM term adds nothing
			assertEquals(0, value(new FidelityLoss("l2", 0.5f), label, label), 1e-6);
			// with an error the SSIM term is positive: L2 + w(1 − SSIM) > L2
			final double withSsim = value(new FidelityLoss("l2", 0.5f), label, pred);
			final double ssim = FidelityLoss.ssim(pred.head(), label.head()).getFloat();
			assertEquals(0.05 + 0.5 * (1 - ssim), withSsim, 1e-5);
			assertEquals("L2 + 0.5 x (1 - SSIM 7x7)", FidelityLoss.describe("l2", 0.5f));
			assertEquals("L1", FidelityLoss.describe("l1", 0));
			assertThrows(IllegalArgumentException.class, () -> new FidelityLoss("huber", 0));
		}
	}

	private static double value(final FidelityLoss loss, final NDList label, final NDList pred) {
		final NDArray v = loss.evaluate(label, pred);
		return v.getFloat();
	}
}
