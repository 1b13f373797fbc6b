package org.tilesr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A VGG-style discriminator as in SRGAN/ESRGAN, smaller (this trains on a CPU): pairs of a 3×3 convolution and a 4×4
 * stride-2 convolution with 32, 64, 128, 128 filters, each followed by LeakyReLU 0.2, then a global mean, a dense
 * layer of 100 with LeakyReLU and one output, the raw score C(x). No batch normalization (batches of 4 are too small for
 * its statistics). Input {@code [n, 1, h, w]} in 0..1 (h, w ≥ 16); output: the scores {@code [n]} followed by every
 * convolution's output before its activation (the features of the perceptual term, ESRGAN's "before activation").
 */
final class Discriminator extends AbstractBlock {

	private static final int[] FILTERS = { 32, 64, 128, 128 };

	/** As the card records it. */
	static final String DESCRIPTION = "VGG-style, from scratch: 3x3 conv + 4x4 stride-2 conv with 32, 64, 128, 128 filters, LeakyReLU 0.2, "
		+ "no batch normalization, global mean, dense 100, dense 1; Adam with the generator's learning-rate schedule; weights saved in "
		+ "checkpoint/discriminator.params";
	static final float SLOPE = 0.2f;

	private final List<Conv2d> convs = new ArrayList<>();
	private final Linear dense, score;

	Discriminator() {
		super((byte) 1);
		for (int k = 0; k < FILTERS.length; k++) {
			convs.add(addChildBlock("conv" + (2 * k + 1), Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
				.setFilters(FILTERS[k]).build()));
			convs.add(addChildBlock("conv" + (2 * k + 2), Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
				.optPadding(new Shape(1, 1)).setFilters(FILTERS[k]).build()));
		}
		dense = addChildBlock("dense", Linear.builder().setUnits(100).build());
		score = addChildBlock("score", Linear.builder().setUnits(1).build());
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs, final boolean training, final PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		final NDList features = new NDList();
		for (final Conv2d c : convs) {
			x = c.forward(store, new NDList(x), training).head();
			features.add(x);
			x = Activation.leakyRelu(x, SLOPE);
		}
		x = x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] { 2 }); // global mean
		x = Activation.leakyRelu(dense.forward(store, new NDList(x), training).head(), SLOPE);
		final NDList out = new NDList(score.forward(store, new NDList(x), training).head().reshape(-1));
		out.addAll(features);
		return out;
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final List<Shape> out = new ArrayList<>(List.of(new Shape(inputs[0].get(0))));
		Shape s = inputs[0];
		for (final Conv2d c : convs) {
			s = c.getOutputShapes(new Shape[] { s })[0];
			out.add(s);
		}
		return out.toArray(new Shape[0]);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType type, final Shape... inputs) {
		Shape s = inputs[0];
		for (final Conv2d c : convs) {
			c.initialize(manager, type, s);
			s = c.getOutputShapes(new Shape[] { s })[0];
		}
		dense.initialize(manager, type, new Shape(s.get(0), s.get(1)));
		score.initialize(manager, type, new Shape(s.get(0), 100));
	}
}
