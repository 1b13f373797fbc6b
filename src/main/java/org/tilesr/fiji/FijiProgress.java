package org.tilesr.fiji;

import ij.IJ;

import java.util.Locale;

import org.scijava.Cancelable;
import org.scijava.log.LogService;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;

/** Progress in Fiji: the progress bar and status line, log lines; Esc or a cancelled command stops the engine. */
final class FijiProgress implements Progress {

	private final LogService log;
	private final Cancel cancel;
	private final Cancelable command;

	FijiProgress(final LogService log, final Cancel cancel, final Cancelable command) {
		this.log = log;
		this.cancel = cancel;
		this.command = command;
	}

	@Override
	public void log(final String line) {
		log.info(line);
	}

	@Override
	public void tiles(final long done, final long total, final double eta) {
		if (command.isCanceled() || IJ.escapePressed()) cancel.cancel();
		IJ.showProgress((int) done, (int) total);
		IJ.showStatus(String.format(Locale.ROOT, "TileSR: tile %d/%d, %.0f s left", done, total, eta));
	}
}
