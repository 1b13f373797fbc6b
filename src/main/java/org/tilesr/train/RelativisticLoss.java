package org.tilesr.train;

import ai.djl.ndarray.NDArray;

/**
 * The relativistic average GAN loss (Jolicoeur-Martineau 2018) as ESRGAN uses it. With C the discriminator's raw
 * score, D(a, b) = σ(C(a) − mean C(b)) is the probability that a real image is more realistic than the generated ones
 * on average. Binary cross-entropy on those logits, each half averaged over the batch and the two halves averaged:
 * <pre>
 * discriminator: ½ (BCE(C(real) − mean C(fake), 1) + BCE(C(fake) − mean C(real), 0))
 * generator:     ½ (BCE(C(real) − mean C(fake), 0) + BCE(C(fake) − mean C(real), 1))
 * </pre>
 * so the generator also learns from the real images' scores. BCE(z, 1) = softplus(−z), BCE(z, 0) = softplus(z),
 * computed as max(z, 0) + log(1 + exp(−|z|)), finite for any z.
 */
final class RelativisticLoss {

	private RelativisticLoss() {}

	/** @param real the scores of real images [n]; @param fake those of generated ones [n] */
	static NDArray discriminator(final NDArray real, final NDArray fake) {
		return halves(real, fake, true);
	}

	static NDArray generator(final NDArray real, final NDArray fake) {
		return halves(real, fake, false);
	}

	private static NDArray halves(final NDArray real, final NDArray fake, final boolean realIsReal) {
		final NDArray r = real.sub(fake.mean()), f = fake.sub(real.mean());
		final NDArray a = realIsReal ? softplus(r.neg()) : softplus(r), b = realIsReal ? softplus(f) : softplus(f.neg());
		return a.mean().add(b.mean()).mul(FidelityLoss.scalar(real, 0.5f));
	}

	/** log(1 + exp(z)), stably. */
	static NDArray softplus(final NDArray z) {
		final NDArray zero = FidelityLoss.scalar(z, 0), one = FidelityLoss.scalar(z, 1);
		return z.maximum(zero).add(z.abs().neg().exp().add(one).log());
	}
}
