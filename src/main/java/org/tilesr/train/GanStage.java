package org.tilesr.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.util.Locale;

import org.tilesr.model.Devices;

/**
 * ESRGAN's adversarial stage, the part each training step adds to the fidelity loop ({@link FineTune#train}): the
 * generator's loss becomes fidelity + {@code adversarial} × relativistic average loss + {@code perceptual} × the
 * perceptual term, and then the {@link Discriminator} (trained from scratch, Adam with the generator's schedule) takes
 * one step on the same real patches and the generator's output before its update. No pretrained VGG is available
 * offline, so the perceptual term is feature matching: the mean absolute difference of the discriminator's features
 * (before activation) of the output and of the real image, averaged over its eight convolutions.
 */
final class GanStage implements AutoCloseable {

	/** Default weights of the adversarial and the perceptual term, next to a fidelity loss of weight 1. */
	static final float ADVERSARIAL = 0.02f, PERCEPTUAL = 0.2f;

	/**
	 * The gan stage's learning rate and weight-average decay when none is given: the recipe that was stable over three
	 * seeds (docs/models.md); without the average, one seed in three ran off into invented texture.
	 */
	static final double LR = 5e-5, EMA = 0.99;

	private final Model model;
	private final Block d;
	private final ParameterStore store;
	private final FineTune.Settings settings;
	private final float adversarial, perceptual;
	private Adam adam;
	private final double[] recent = new double[3];
	private int recentSteps, skipped;

	/** A discriminator for {@code hrPatch}² targets, its initial weights drawn with the run's seed. */
	GanStage(final Device device, final FineTune.Settings s, final int hrPatch) {
		Devices.engine();
		model = Model.newInstance("discriminator", device, Devices.ENGINE);
		Engine.getEngine(Devices.ENGINE).setRandomSeed((int) s.seed());
		d = new Discriminator();
		model.setBlock(d);
		d.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, hrPatch, hrPatch));
		store = new ParameterStore(model.getNDManager(), false);
		settings = s;
		adversarial = s.adversarial();
		perceptual = s.perceptual();
	}

	Model model() {
		return model;
	}

	Block block() {
		return d;
	}

	int skipped() {
		return skipped;
	}

	/** The generator's loss from the fidelity loss, the real patches {@code y} and the output {@code out}, [n, 1, H, W]. */
	NDArray generatorLoss(final NDArray fidelity, final NDArray y, final NDArray out) {
		// made at the first step: a resumed checkpoint replaces the weight arrays Adam would hold
		if (adam == null) adam = new Adam(d, step -> FineTune.rate(settings, step));
		final NDList real = d.forward(store, new NDList(y), true), fake = d.forward(store, new NDList(out), true);
		final NDArray adv = RelativisticLoss.generator(real.head(), fake.head());
		NDArray features = fake.get(1).sub(real.get(1).stopGradient()).abs().mean();
		for (int k = 2; k < fake.size(); k++) features = features.add(fake.get(k).sub(real.get(k).stopGradient()).abs().mean());
		features = features.mul(FidelityLoss.scalar(out, 1f / (fake.size() - 1)));
		recent[0] += adv.getFloat();
		recent[1] += features.getFloat();
		return fidelity.add(adv.mul(FidelityLoss.scalar(out, adversarial))).add(features.mul(FidelityLoss.scalar(out, perceptual)));
	}

	/**
	 * After the generator's update: clears the gradients its loss left on the discriminator, then (if the generator was
	 * updated) one discriminator step on the real patches and the output, detached. A discriminator step with
	 * non-finite gradients is skipped (counted).
	 */
	void afterGenerator(final boolean updated, final int step, final NDArray y, final NDArray out, final NDManager scratch) {
		adam.zero();
		if (!updated) return;
		try (GradientCollector gc = model.getNDManager().getEngine().newGradientCollector()) {
			final NDArray l = RelativisticLoss.discriminator(d.forward(store, new NDList(y), true).head(),
				d.forward(store, new NDList(out.stopGradient()), true).head());
			gc.backward(l);
			recent[2] += l.getFloat();
		}
		recentSteps++;
		if (!adam.step(step, scratch)) skipped++;
	}

	/** The terms' means since the last call, for the step log line. */
	String recent() {
		final int n = Math.max(1, recentSteps);
		final String s = String.format(Locale.ROOT, " (adversarial %.3f, perceptual %.4f, discriminator %.3f)", recent[0] / n, recent[1] / n, recent[2] / n);
		java.util.Arrays.fill(recent, 0);
		recentSteps = 0;
		return s;
	}

	@Override
	public void close() {
		model.close();
	}
}
