package org.tilesr.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Option;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.ImageJFiles;
import org.tilesr.model.ModelCatalog;

/**
 * IJ1 command "TileSR Enhance File" (plugins.config), for ImageJ 1.x macros with or without Fiji, headless too:
 * {@code run("TileSR Enhance File", "input=/a.dcm output=/a_x4.tif model=esrgan-thick-x4");}. With no input it
 * enhances the current image and shows the result. The Macro Recorder records its dialog. A failure stops the
 * macro with one line naming the file and the reason; files are checked before the model loads.
 */
public class EnhanceFilePlugin implements PlugIn {

	/** The word for "the model card's value"; old macros used numbers for it (scale 0, tile 0, halo -1). */
	static final String AUTO = EnhanceOptions.AUTO;
	/** The overwrite checkbox; its macro key is the schema's name, overwrite. */
	static final String OVERWRITE = "Overwrite an existing output";

	@Override
	public void run(final String arg) {
		final GenericDialog gd = new GenericDialog("TileSR Enhance File");
		// Macro keys are the labels' first words: input, output, then the schema's dialog options, then overwrite
		Ij1.fileField(gd, "Input (file or DICOM folder; empty: the current image)", "");
		Ij1.fileField(gd, "Output (TIFF file; empty: show the result)", "");
		for (final Option o : EnhanceOptions.dialog()) field(gd, o);
		gd.addCheckbox(OVERWRITE, false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String input = gd.getNextString().trim(), output = gd.getNextString().trim();
		final java.util.Map<String, String> given = new java.util.HashMap<>();
		for (final Option o : EnhanceOptions.dialog()) given.put(o.name(), next(gd, o));
		final boolean overwrite = gd.getNextBoolean();
		final Cancel cancel = new Cancel();
		final Progress progress = new FijiProgress(IJ::log, cancel, () -> false);
		try {
			final EnhanceSettings settings = EnhanceOptions.settings(given::get);
			final ImagePlus image = input.isEmpty() ? WindowManager.getCurrentImage() : null;
			if (input.isEmpty() && image == null) throw new TileSRException("TileSR Enhance File", "no input file given and no image open");
			if (input.isEmpty() && !output.isEmpty()) org.tilesr.io.OutputFile.checkWritable(Path.of(output), overwrite);
			if (!input.isEmpty()) {
				if (output.isEmpty()) throw new TileSRException("output", "an output file is needed with an input file");
				Enhancer.checkFiles(Path.of(input), Path.of(output), overwrite);
			}
			try (Enhancer e = Enhancer.open(settings, ModelCatalog.standard(), progress)) {
				if (input.isEmpty()) {
					final ImagePlus res = e.enhance(image, null, progress, cancel);
					if (!output.isEmpty()) ImageJFiles.saveTiff(res, Path.of(output), overwrite);
					else res.show();
				}
				else e.enhanceFile(Path.of(input), Path.of(output), overwrite, progress, cancel);
			}
		}
		catch (final TileSRException ex) {
			Ij1.fail(ex.getMessage());
		}
		catch (final Cancel.CancelledException ex) {
			IJ.showStatus("TileSR: cancelled, no output written");
			Ij1.stopMacro("cancelled");
		}
	}

	/** The option's field, as the schema declares it: label (first word = macro key), default, choices. */
	static void field(final GenericDialog gd, final Option o) {
		switch (o.kind()) {
			case CHOICE: Ij1.choice(gd, o.label(), o.choices(), o.dflt()); break;
			case FLAG: gd.addCheckbox(o.label(), Boolean.parseBoolean(o.dflt())); break;
			case NUMBER: gd.addNumericField(o.label(), Double.parseDouble(o.dflt()), 3); break;
			default:
				if (o.name().equals("model")) Ij1.choice(gd, o.label(), ModelChoiceConverter.installed(), o.dflt());
				else gd.addStringField(o.label(), o.dflt(), 6);
		}
	}

	/** The option's value from the dialog (or the macro), as text for the schema. */
	private static String next(final GenericDialog gd, final Option o) {
		switch (o.kind()) {
			case CHOICE: return gd.getNextChoice();
			case FLAG: return Boolean.toString(gd.getNextBoolean());
			case NUMBER: return Double.toString(gd.getNextNumber());
			default: return o.name().equals("model") ? gd.getNextChoice() : gd.getNextString();
		}
	}
}
