package org.tilesr.fiji;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.NormalizationSpec;

/** Validation shared by the commands: code callers bypass the dialog, so choices and ranges are checked here. */
final class Options {

	static final String NORMALIZATIONS = "range, percentile, fixed, ctwindow, type";

	private Options() {}

	/** A dialog with the reason in the GUI; an error log line (stderr) headless. */
	static void error(final org.scijava.log.LogService log, final org.scijava.ui.UIService ui, final String message) {
		log.error("TileSR: " + message);
		if (ui != null && !ui.isHeadless())
			ui.showDialog(message, "TileSR", org.scijava.ui.DialogPrompt.MessageType.ERROR_MESSAGE);
	}

	static EnhanceSettings settings(final String model, final String device, final int tile, final int halo,
		final String normalization, final double low, final double high, final boolean clip)
	{
		final EnhanceSettings s = new EnhanceSettings().model(model).device(device);
		if (tile != 0) s.tile(tile);
		if (halo >= 0) s.halo(halo);
		try {
			s.normalization(NormalizationSpec.of(NormalizationSpec.Mode.of(normalization == null ? "range" : normalization), low, high, clip));
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("normalization", e.getMessage() + " (modes: " + NORMALIZATIONS + "; low/high are percentiles, values, or CT centre/width)", e);
		}
		return s;
	}
}
