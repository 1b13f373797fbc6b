package org.tilesr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.nio.FloatBuffer;

import org.tilesr.core.TileBatch;

/** Moves a tile batch to the device and back, mapping 0..1 to the network's own value range and back. */
final class TileTranslator implements NoBatchifyTranslator<TileBatch, TileBatch> {

	private final float low;
	private final float span;
	private final boolean channelsLast;
	private final DataType precision;

	/** @param channelsLast pass the input as an [n, c, h, w] view of [n, h, w, c] memory (see {@link DjlUpscaler}) */
	TileTranslator(final double[] valueRange, final boolean channelsLast, final DataType precision) {
		this.low = (float) valueRange[0];
		this.span = (float) (valueRange[1] - valueRange[0]);
		this.channelsLast = channelsLast;
		this.precision = precision;
	}

	@Override
	public NDList processInput(final TranslatorContext ctx, final TileBatch in) {
		NDArray x = channelsLast
			? ctx.getNDManager().create(FloatBuffer.wrap(interleaved(in)), new Shape(in.n(), in.height(), in.width(), in.channels())).transpose(0, 3, 1, 2)
			: ctx.getNDManager().create(FloatBuffer.wrap(in.data()), new Shape(in.n(), in.channels(), in.height(), in.width()));
		if (low != 0 || span != 1) x = x.mul(span).add(low);
		if (precision != DataType.FLOAT32) x = x.toType(precision, false); // on the device: the model's weights are cast there too
		return new NDList(x);
	}

	/** The batch's values in [n, h, w, c] order. */
	static float[] interleaved(final TileBatch in) {
		final int c = in.channels(), plane = in.height() * in.width();
		final float[] d = in.data(), out = new float[d.length];
		for (int i = 0; i < in.n(); i++)
			for (int k = 0; k < c; k++) {
				final int src = in.offset(i, k), dst = i * c * plane + k;
				for (int p = 0; p < plane; p++)
					out[dst + p * c] = d[src + p];
			}
		return out;
	}

	@Override
	public TileBatch processOutput(final TranslatorContext ctx, final NDList list) {
		NDArray y = list.singletonOrThrow();
		if (y.getDataType() != DataType.FLOAT32) y = y.toType(DataType.FLOAT32, false);
		if (low != 0 || span != 1) y = y.sub(low).div(span);
		final Shape s = y.getShape();
		if (s.dimension() != 4) throw new IllegalStateException("model output has shape " + s + ", expected [n, c, h, w]");
		return new TileBatch((int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3), y.toFloatArray());
	}
}
