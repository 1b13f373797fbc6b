package org.tilesr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An exponential moving average of a block's weights over the training steps ({@code avg = d·avg + (1 − d)·w} after
 * each update), as Real-ESRGAN keeps one: it smooths the step-to-step noise of small-batch updates, and it is what
 * validation measures and what is kept. It starts from the weights it is made with (the base model or a resumed
 * checkpoint).
 */
final class WeightAverage {

	private final List<NDArray> weights = new ArrayList<>();
	private final List<NDArray> averages = new ArrayList<>();
	private final float decay;

	WeightAverage(final Block block, final double decay) {
		if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("decay must lie in (0, 1): " + decay);
		this.decay = (float) decay;
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final NDArray w = p.getValue().getArray();
			weights.add(w);
			averages.add(w.duplicate());
		}
	}

	/** Folds the current weights into the average; temporaries live in {@code scratch}. */
	void update(final NDManager scratch) {
		for (int i = 0; i < weights.size(); i++) {
			final NDArray w = weights.get(i), a = averages.get(i);
			try (NDManager tmp = scratch.newSubManager()) {
				tmp.tempAttachAll(w, a);
				a.muli(decay).addi(w.mul(1 - decay));
			}
		}
	}

	/** Runs {@code task} with the averaged weights in the block, then puts the trained weights back. */
	<T> T with(final NDManager scratch, final Supplier<T> task) {
		swap(scratch);
		try {
			return task.get();
		}
		finally {
			swap(scratch);
		}
	}

	/** Puts the averaged weights into the block for good (training is over). */
	void apply(final NDManager scratch) {
		swap(scratch);
	}

	/** Exchanges the block's weights and the averages, in place. */
	private void swap(final NDManager scratch) {
		for (int i = 0; i < weights.size(); i++) {
			final NDArray w = weights.get(i), a = averages.get(i);
			try (NDManager tmp = scratch.newSubManager()) {
				tmp.tempAttachAll(w, a);
				final NDArray keep = w.duplicate();
				w.muli(0).addi(a);
				a.muli(0).addi(keep);
			}
		}
	}
}
