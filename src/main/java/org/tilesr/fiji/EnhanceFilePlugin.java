package org.tilesr.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
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

	private static final String[] DEVICES = { "auto", "cpu", "gpu" };
	private static final String[] MODES = { "range", "percentile", "fixed", "ctwindow", "type" };
	/** The word for "the model card's value"; old macros used numbers for it (scale 0, tile 0, halo -1). */
	static final String AUTO = "auto";

	@Override
	public void run(final String arg) {
		final GenericDialog gd = new GenericDialog("TileSR Enhance File");
		// Macro keys are the labels' first words: input, output, model, scale, alpha, device, tile, halo, ...
		Ij1.fileField(gd, "Input (file or DICOM folder; empty: the current image)", "");
		Ij1.fileField(gd, "Output (TIFF file; empty: show the result)", "");
		Ij1.choice(gd, "Model", ModelChoiceConverter.installed(), EnhanceSettings.DEFAULT_MODEL);
		gd.addStringField("Scale (auto = the model's)", AUTO, 6);
		gd.addNumericField("Alpha (1 = the model alone)", 1, 2);
		Ij1.choice(gd, "Device", List.of(DEVICES), "auto");
		gd.addStringField("Tile (input pixels, auto = the model's)", AUTO, 6);
		gd.addStringField("Halo (input pixels, auto = the model's)", AUTO, 6);
		Ij1.choice(gd, "Normalization", List.of(MODES), "range");
		gd.addNumericField("Low (percentile, value or CT centre)", 0.1, 3);
		gd.addNumericField("High (percentile, value or CT width)", 99.9, 3);
		gd.addCheckbox("Clip outside low..high", false);
		gd.addCheckbox("Overwrite an existing output", false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String input = gd.getNextString().trim(), output = gd.getNextString().trim();
		final String model = gd.getNextChoice(), scale = gd.getNextString();
		final double alpha = gd.getNextNumber();
		final String device = gd.getNextChoice(), tile = gd.getNextString(), halo = gd.getNextString(), mode = gd.getNextChoice();
		final double low = gd.getNextNumber(), high = gd.getNextNumber();
		final boolean clip = gd.getNextBoolean(), overwrite = gd.getNextBoolean();
		final Cancel cancel = new Cancel();
		final Progress progress = new FijiProgress(IJ::log, cancel, () -> false);
		try {
			final Integer s = whole("scale", scale, 0);
			final EnhanceSettings settings = Options.settings(model, device, whole("tile", tile, 0), whole("halo", halo, -1), mode, low, high, clip)
				.scale(s == null ? 0 : s).alpha(alpha < 1 ? Double.valueOf(alpha) : null);
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

	/** "auto" (or an old macro's number for it) → null, the model card's value; else a whole number. */
	static Integer whole(final String option, final String value, final int oldAuto) {
		final String v = value == null ? "" : value.trim();
		if (v.isEmpty() || v.equalsIgnoreCase(AUTO)) return null;
		try {
			final double d = Double.parseDouble(v);
			if (d != Math.rint(d)) throw new NumberFormatException();
			return (int) d == oldAuto ? null : (int) d;
		}
		catch (final NumberFormatException e) {
			throw new TileSRException(option, "'" + value + "' is not a whole number or " + AUTO);
		}
	}
}
