package org.tilesr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.loss.Loss;

/**
 * The fidelity loss: mean absolute error ({@code l1}) or mean squared error ({@code l2}, the loss PSNR measures) plus {@code w · (1 − SSIM)} on single-channel images in 0..1 (SSIM with a
 * 7×7 uniform window, C1 = 0.01², C2 = 0.03², as in Wang et al. 2004 with a box window).
 */
public final class FidelityLoss extends Loss {

	private static final Shape WINDOW = new Shape(7, 7), STRIDE = new Shape(1, 1), NO_PAD = new Shape(0, 0);
	private static final float C1 = 0.01f * 0.01f, C2 = 0.03f * 0.03f;

	/** The pixel losses, as {@code --loss} takes them. */
	public static final java.util.List<String> PIXEL_LOSSES = java.util.List.of("l1", "l2");

	private final boolean squared;
	private final float ssimWeight;

	public FidelityLoss(final String pixelLoss, final float ssimWeight) {
		super(describe(pixelLoss, ssimWeight));
		if (!PIXEL_LOSSES.contains(pixelLoss)) throw new IllegalArgumentException("pixel loss " + pixelLoss);
		this.squared = pixelLoss.equals("l2");
		this.ssimWeight = ssimWeight;
	}

	/** As the card says it: "L1", "L2" or "L1 + 0.2 x (1 - SSIM 7x7)". */
	public static String describe(final String pixelLoss, final float ssimWeight) {
		final String p = pixelLoss.toUpperCase(java.util.Locale.ROOT);
		return ssimWeight == 0 ? p : p + " + " + ssimWeight + " x (1 - SSIM 7x7)";
	}

	@Override
	public NDArray evaluate(final NDList labels, final NDList predictions) {
		final NDArray y = labels.singletonOrThrow(), p = predictions.singletonOrThrow();
		final NDArray d = p.sub(y), pixel = squared ? d.mul(d).mean() : d.abs().mean();
		if (ssimWeight == 0) return pixel;
		return pixel.add(scalar(p, 1).sub(ssim(p, y)).mul(scalar(p, ssimWeight)));
	}

	/** Mean SSIM of two [n, 1, h, w] batches (h, w ≥ 7). */
	static NDArray ssim(final NDArray x, final NDArray y) {
		final NDArray mx = mean(x), my = mean(y);
		final NDArray vx = mean(x.mul(x)).sub(mx.mul(mx)), vy = mean(y.mul(y)).sub(my.mul(my));
		final NDArray cov = mean(x.mul(y)).sub(mx.mul(my));
		final NDArray two = scalar(x, 2), c1 = scalar(x, C1), c2 = scalar(x, C2);
		final NDArray num = mx.mul(my).mul(two).add(c1).mul(cov.mul(two).add(c2));
		final NDArray den = mx.mul(mx).add(my.mul(my)).add(c1).mul(vx.add(vy).add(c2));
		return num.div(den).mean();
	}

	/** A constant in the array's manager, alive until the backward pass (see {@code Rrdn.scaled}). */
	static NDArray scalar(final NDArray like, final float v) {
		return like.getManager().create(v).duplicate();
	}

	private static NDArray mean(final NDArray a) {
		return Pool.avgPool2d(a, WINDOW, STRIDE, NO_PAD, false, true);
	}
}
