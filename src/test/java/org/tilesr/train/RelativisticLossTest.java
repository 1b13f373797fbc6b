package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;
import org.tilesr.model.Devices;

/** The relativistic average GAN loss on a case computed by hand, through DJL (PyTorch), with its gradient. */
class RelativisticLossTest {

	/** log(1 + e^z) written out, for the hand computation. */
	private static double sp(final double z) {
		return Math.log(1 + Math.exp(z));
	}

	@Test
	void smallCaseByHand() {
		Devices.engine();
		try (NDManager m = NDManager.newBaseManager(Devices.ENGINE)) {
			// C(real) = [1, 3], C(fake) = [0, 2]: mean C(fake) = 1, mean C(real) = 2
			// real relative to fake: [0, 2]; fake relative to real: [-2, 0]
			final NDArray real = m.create(new float[] { 1, 3 }), fake = m.create(new float[] { 0, 2 });
			// discriminator: ½ (mean(sp(-[0, 2])) + mean(sp([-2, 0]))) = ½ (0.410038 + 0.410038)
			final double d = 0.5 * ((sp(0) + sp(-2)) / 2 + (sp(-2) + sp(0)) / 2);
			// generator: ½ (mean(sp([0, 2])) + mean(sp(-[-2, 0]))) = ½ (1.410038 + 1.410038)
			final double g = 0.5 * ((sp(0) + sp(2)) / 2 + (sp(2) + sp(0)) / 2);
			assertEquals(0.4100378, d, 1e-6);
			assertEquals(1.4100378, g, 1e-6);
			assertEquals(d, RelativisticLoss.discriminator(real, fake).getFloat(), 1e-6);
			assertEquals(g, RelativisticLoss.generator(real, fake).getFloat(), 1e-6);
			// an asymmetric case: C(real) = [2, -1, 0.5], C(fake) = [-3, 1, 0]
			final double[] r = { 2, -1, 0.5 }, f = { -3, 1, 0 };
			final double mr = (2 - 1 + 0.5) / 3, mf = (-3 + 1 + 0) / 3.0;
			double dr = 0, df = 0, gr = 0, gf = 0;
			for (int i = 0; i < 3; i++) {
				dr += sp(-(r[i] - mf)) / 3;
				df += sp(f[i] - mr) / 3;
				gr += sp(r[i] - mf) / 3;
				gf += sp(-(f[i] - mr)) / 3;
			}
			final NDArray r3 = m.create(new float[] { 2, -1, 0.5f }), f3 = m.create(new float[] { -3, 1, 0 });
			assertEquals(0.5 * (dr + df), RelativisticLoss.discriminator(r3, f3).getFloat(), 1e-6);
			assertEquals(0.5 * (gr + gf), RelativisticLoss.generator(r3, f3).getFloat(), 1e-6);
		}
	}

	@Test
	void finiteForLargeScoresAndTheGeneratorGradientRaisesFakeScores() {
		Devices.engine();
		try (NDManager m = NDManager.newBaseManager(Devices.ENGINE)) {
			assertEquals(100, RelativisticLoss.softplus(m.create(new float[] { 100 })).getFloat(), 1e-4);
			assertEquals(0, RelativisticLoss.softplus(m.create(new float[] { -100 })).getFloat(), 1e-30);
			assertTrue(Float.isFinite(RelativisticLoss.discriminator(m.create(new float[] { 500, -500 }), m.create(new float[] { -500, 500 })).getFloat()));
			final NDArray real = m.create(new float[] { 1, 3 }), fake = m.create(new float[] { 0, 2 });
			fake.setRequiresGradient(true);
			try (GradientCollector gc = m.getEngine().newGradientCollector()) {
				gc.backward(RelativisticLoss.generator(real, fake));
			}
			// the generator lowers its loss by raising the scores of its images
			for (final float v : fake.getGradient().toFloatArray()) assertTrue(v < 0, "d loss / d C(fake) = " + v);
		}
	}
}
