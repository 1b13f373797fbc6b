package org.tilesr.fiji;

import ij.IJ;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;

/**
 * Progress in ImageJ/Fiji: the progress bar and status line, log lines; Esc (or a cancelled command) stops the
 * engine within one batch.
 */
final class FijiProgress implements Progress {

	private final Consumer<String> log;
	private final Cancel cancel;
	private final BooleanSupplier cancelled;

	/** @param cancelled whether the command running this was cancelled from outside */
	FijiProgress(final Consumer<String> log, final Cancel cancel, final BooleanSupplier cancelled) {
		this.log = log;
		this.cancel = cancel;
		this.cancelled = cancelled;
	}

	@Override
	public void log(final String line) {
		log.accept(line);
		if (line.startsWith("warning: ")) IJ.showStatus("TileSR " + line);
	}

	@Override
	public void tiles(final long done, final long total, final double eta) {
		if (cancelled.getAsBoolean() || IJ.escapePressed()) cancel.cancel();
		IJ.showProgress((int) done, (int) total);
		IJ.showStatus(String.format(Locale.ROOT, "TileSR: tile %d/%d, %.0f s left", done, total, eta));
	}
}
