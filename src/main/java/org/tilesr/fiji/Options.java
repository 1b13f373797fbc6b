package org.tilesr.fiji;


/** How the commands report a failure (the options themselves are checked by api.EnhanceOptions). */
final class Options {

	private Options() {}

	/** A dialog with the reason in the GUI; an error log line ({@code tilesr: <file>: <reason>}, stderr) headless. */
	static void error(final org.scijava.log.LogService log, final org.scijava.ui.UIService ui, final String message) {
		log.error("tilesr: " + message);
		if (ui != null && !ui.isHeadless())
			ui.showDialog(message, "TileSR", org.scijava.ui.DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}
