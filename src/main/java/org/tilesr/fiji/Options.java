package org.tilesr.fiji;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.NormalizationSpec;

/** Validation shared by the commands: code callers bypass the dialog, so choices and ranges are checked here. */
final class Options {

	static final String NORMALIZATIONS = "range, percentile, fixed, ctwindow, type";

	private Options() {}

	/** A dialog with the reason in the GUI; an error log line ({@code tilesr: <file>: <reason>}, stderr) headless. */
	static void error(final org.scijava.log.LogService log, final org.scijava.ui.UIService ui, final String message) {
		log.error("tilesr: " + message);
		if (ui != null && !ui.isHeadless())
			ui.showDialog(message, "TileSR", org.scijava.ui.DialogPrompt.MessageType.ERROR_MESSAGE);
	}

	/** @param tile, halo input pixels, or null for the model card's */
	static EnhanceSettings settings(final String model, final String device, final Integer tile, final Integer halo,
		final String normalization, final double low, final double high, final boolean clip)
	{
		final EnhanceSettings s = new EnhanceSettings().model(model).device(device).tile(tile).halo(halo);
		try {
			s.normalization(NormalizationSpec.of(NormalizationSpec.Mode.of(normalization == null ? "range" : normalization), low, high, clip));
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("normalization", e.getMessage() + " (modes: " + NORMALIZATIONS + "; low/high are percentiles, values, or CT centre/width)", e);
		}
		return s;
	}
}
