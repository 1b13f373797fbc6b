package org.tilesr.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

import org.tilesr.core.TileBatch;
import org.tilesr.core.Upscaler;

/** An {@link Upscaler} over any DJL model (Java blocks or TorchScript) on one device. */
public final class DjlUpscaler implements Upscaler {

	private final Model model;
	private final Predictor<TileBatch, TileBatch> predictor;
	private final int scale;
	private final boolean channelsLast;

	public DjlUpscaler(final Model model, final int scale, final double[] valueRange) {
		this(model, scale, valueRange, false);
	}

	/**
	 * @param channelsLast hand the network its input in channels-last memory order (same values and shape): oneDNN's
	 *        convolutions then skip a layout conversion per layer (7 % faster for the RRDN on the CPU, outputs
	 *        equal to float rounding; for TileSR's own blocks only: a user's TorchScript graph may expect contiguous input)
	 */
	public DjlUpscaler(final Model model, final int scale, final double[] valueRange, final boolean channelsLast) {
		this.model = model;
		this.scale = scale;
		this.predictor = model.newPredictor(new TileTranslator(valueRange, channelsLast));
		this.channelsLast = channelsLast;
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
