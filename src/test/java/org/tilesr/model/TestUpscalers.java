package org.tilesr.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;

import java.util.function.Function;


/** Real DJL models (PyTorch engine) whose exact output is known, for testing the engine around them. */
final class TestUpscalers {

	private TestUpscalers() {}

	static DjlUpscaler of(final String name, final int scale, final Function<NDArray, NDArray> f) {
		Devices.engine();
		final Model m = Model.newInstance(name, Device.cpu(), Devices.ENGINE);
		m.setBlock(new LambdaBlock(l -> new NDList(f.apply(l.head())), name));
		return new DjlUpscaler(m, scale, new double[] { 0, 1 });
	}

	/** Nearest-neighbour ×s (×1 is the identity). */
	static DjlUpscaler nearest(final int s) {
		return of("nearest-x" + s, s, x -> s == 1 ? x.duplicate() : x.repeat(2, s).repeat(3, s));
	}

	/** Nearest ×s with the colour channels reversed (to check which band is which model channel). */
	static DjlUpscaler nearestReversed(final int s) {
		return of("nearest-reversed-x" + s, s, x -> x.flip(1).repeat(2, s).repeat(3, s));
	}

	/**
	 * Nearest ×s that needs more memory than any machine has once a batch holds more than {@code maxPixels} input
	 * pixels: libtorch's allocator then fails for real ("can't allocate memory").
	 */
	static DjlUpscaler hungry(final int s, final long maxPixels) {
		return of("hungry-x" + s, s, x -> {
			final Shape sh = x.getShape();
			if (sh.get(0) * sh.get(2) * sh.get(3) > maxPixels) x.getManager().create(new Shape(1L << 48));
			return x.repeat(2, s).repeat(3, s);
		});
	}
}
