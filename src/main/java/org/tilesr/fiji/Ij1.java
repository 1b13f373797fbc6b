package org.tilesr.fiji;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

import org.tilesr.io.Gdal;

/** What the IJ1 commands share: dialog fields that work in every host, failures that stop a macro, one GDAL note. */
final class Ij1 {

	private Ij1() {}

	/** A file field with a Browse button; a plain text field headless (Fiji's headless dialog has no file fields). */
	static void fileField(final GenericDialog gd, final String label, final String value) {
		if (GraphicsEnvironment.isHeadless()) gd.addStringField(label, value, 40);
		else gd.addFileField(label, value, 40);
	}

	/**
	 * A choice; a value a macro passes that is not among the items (a card folder, gpu:1) is added, so that the
	 * engine, not the dialog, judges it and says why.
	 */
	static void choice(final GenericDialog gd, final String label, final List<String> items, final String value) {
		final List<String> all = new ArrayList<>(items);
		final String options = Macro.getOptions();
		final String given = options == null ? null : Macro.getValue(options, Macro.trimKey(label), null);
		if (given != null && !given.isBlank() && !all.contains(given)) all.add(given);
		gd.addChoice(label, all.toArray(new String[0]), all.contains(value) ? value : all.get(0));
	}

	/**
	 * A dialog in the GUI; one {@code tilesr: <file>: <reason>} line on stderr without ImageJ's window (headless,
	 * {@code -batch}). A running macro stops after this command, and a command-line job ends with status 1.
	 */
	static void fail(final String message) {
		if (IJ.getInstance() == null) System.err.println("tilesr: " + message);
		else if (Interpreter.isBatchMode()) IJ.log("tilesr: " + message);
		else IJ.error("TileSR", message);
		ExitStatus.failed();
		stopMacro(message);
	}

	/**
	 * Stops the running macro after this command, quietly: the reason was given already. (Macro.abort() does not stop
	 * a macro's run() in ImageJ 1.53/1.54, and the interpreter's own error shows a dialog that blocks a -batch job.)
	 */
	static void stopMacro(final String reason) {
		final Interpreter macro = Interpreter.getInstance();
		if (macro == null) return;
		macro.setIgnoreErrors(true);
		macro.abort(reason);
	}

	/** Says once, in the log, that GeoTIFFs go through the pure-Java path because GDAL's JNI is not there. */
	static void noteGdalFallback() {
		final String note = Gdal.fallbackNote();
		if (note != null) IJ.log("TileSR: " + note);
	}
}
