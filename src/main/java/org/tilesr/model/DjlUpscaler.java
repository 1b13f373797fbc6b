package org.tilesr.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslateException;

import org.tilesr.core.TileBatch;
import org.tilesr.core.Upscaler;

/** An {@link Upscaler} over any DJL model (Java blocks or TorchScript) on one device. */
public final class DjlUpscaler implements Upscaler {

	private final Model model;
	private final Predictor<TileBatch, TileBatch> predictor;
	private final int scale;
	private final boolean channelsLast;
	private final DataType precision;

	public DjlUpscaler(final Model model, final int scale, final double[] valueRange) {
		this(model, scale, valueRange, false);
	}

	public DjlUpscaler(final Model model, final int scale, final double[] valueRange, final boolean channelsLast) {
		this(model, scale, valueRange, channelsLast, DataType.FLOAT32);
	}

	/**
	 * @param channelsLast hand the network its input in channels-last memory order (same values and shape): oneDNN's
	 *        convolutions then skip a layout conversion per layer (7 % faster for the RRDN on the CPU, outputs
	 *        equal to float rounding; for TileSR's own blocks only: a user's TorchScript graph may expect contiguous input)
	 * @param precision FLOAT32, FLOAT16 or BFLOAT16: the tiles are cast to it on the device (the model's weights must be
	 *        cast already, see {@link Models#load})
	 */
	public DjlUpscaler(final Model model, final int scale, final double[] valueRange, final boolean channelsLast, final DataType precision) {
		this.model = model;
		this.scale = scale;
		this.predictor = model.newPredictor(new TileTranslator(valueRange, channelsLast, precision));
		this.channelsLast = channelsLast;
		this.precision = precision;
	}

	/** The number format the network runs in (its weights and the tiles on the device); output is float32 again. */
	public DataType precision() {
		return precision;
	}

	/** Whether the network gets its input in channels-last memory order. */
	public boolean channelsLast() {
		return channelsLast;
	}

	@Override
	public int scale() {
		return scale;
	}

	@Override
	public TileBatch upscale(final TileBatch input) {
		try {
			return predictor.predict(input);
		}
		catch (final TranslateException e) {
			throw new IllegalStateException("model " + model.getName() + " failed on a " + input.n() + "x" + input.height()
				+ "x" + input.width() + " batch: " + e.getMessage(), e);
		}
	}

	@Override
	public String device() {
		return model.getNDManager().getDevice().toString();
	}

	public Model model() {
		return model;
	}

	@Override
	public void close() {
		predictor.close();
		model.close();
	}
}
