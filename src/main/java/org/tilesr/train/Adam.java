package org.tilesr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Adam (Kingma &amp; Ba 2015, β1 0.9, β2 0.999, ε 1e-8) over a block's parameters, with NDArray operations. The
 * gradient arrays are fetched once and kept (never closed), and zeroed in place after each update.
 */
final class Adam {

	private static final float B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f;

	private final List<NDArray> weights = new ArrayList<>();
	private final List<NDArray> means = new ArrayList<>();
	private final List<NDArray> variances = new ArrayList<>();
	private final IntToDoubleFunction rate;
	private List<NDArray> grads;
	private int updates;

	/** @param rate the learning rate at an update number (the step, counted over resumes too) */
	Adam(final Block block, final IntToDoubleFunction rate) {
		this.rate = rate;
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final NDArray w = p.getValue().getArray();
			w.setRequiresGradient(true);
			weights.add(w);
			means.add(w.zerosLike());
			variances.add(w.zerosLike());
		}
	}

	/**
	 * One update with the gradients of the last backward pass, unless one of them is not finite: then the gradients
	 * are zeroed, nothing is updated and false is returned (the caller repeats the step). Temporaries live in
	 * {@code scratch}.
	 */
	boolean step(final int step, final NDManager scratch) {
		if (grads == null) {
			grads = new ArrayList<>();
			for (final NDArray w : weights) grads.add(w.getGradient());
		}
		if (!finite(scratch)) {
			for (final NDArray w : weights) JniUtils.zeroGrad((PtNDArray) w);
			return false;
		}
		updates++;
		final double lr = rate.applyAsDouble(step);
		final float size = (float) (lr * Math.sqrt(1 - Math.pow(B2, updates)) / (1 - Math.pow(B1, updates)));
		for (int i = 0; i < weights.size(); i++) {
			final NDArray w = weights.get(i), g = grads.get(i), m = means.get(i), v = variances.get(i);
			try (NDManager tmp = scratch.newSubManager()) {
				tmp.tempAttachAll(g, m, v);
				m.muli(B1).addi(g.mul(1 - B1));
				v.muli(B2).addi(g.square().mul(1 - B2));
				w.subi(m.div(v.sqrt().add(EPS)).mul(size));
				g.subi(g);
			}
		}
		return true;
	}

	/** Zeroes the gradients (those another network's loss left on these weights). */
	void zero() {
		for (final NDArray w : weights) JniUtils.zeroGrad((PtNDArray) w);
	}

	private boolean finite(final NDManager scratch) {
		try (NDManager tmp = scratch.newSubManager()) {
			for (final NDArray g : grads) {
				tmp.tempAttachAll(g);
				if (!Float.isFinite(g.sum().getFloat())) return false;
			}
		}
		return true;
	}
}
