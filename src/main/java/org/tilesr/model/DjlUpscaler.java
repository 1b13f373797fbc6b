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

	public DjlUpscaler(final Model model, final int scale, final double[] valueRange) {
		this.model = model;
		this.scale = scale;
		this.predictor = model.newPredictor(new TileTranslator(valueRange));
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
