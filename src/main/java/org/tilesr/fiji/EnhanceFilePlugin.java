package org.tilesr.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCatalog;

/**
 * IJ1 command "TileSR Enhance File" (plugins.config), for ImageJ 1.x macros with or without Fiji, headless too:
 * {@code run("TileSR Enhance File", "input=/a.dcm output=/a_x4.tif model=esrgan-thick-x4");}. With no input it
 * enhances the current image and shows the result. The Macro Recorder records its dialog.
 */
public class EnhanceFilePlugin implements PlugIn {

	private static final String[] DEVICES = { "auto", "cpu", "gpu" };
	private static final String[] MODES = { "range", "percentile", "fixed", "ctwindow", "type" };

	@Override
	public void run(final String arg) {
		final GenericDialog gd = new GenericDialog("TileSR Enhance File");
		gd.addStringField("input", "", 40);
		gd.addStringField("output", "", 40);
		gd.addStringField("model", EnhanceSettings.DEFAULT_MODEL, 24);
		gd.addNumericField("scale", 0, 0);
		gd.addNumericField("alpha", 1, 2);
		gd.addChoice("device", DEVICES, "auto");
		gd.addNumericField("tile", 0, 0);
		gd.addNumericField("halo", -1, 0);
		gd.addChoice("normalization", MODES, "range");
		gd.addNumericField("low", 0.1, 3);
		gd.addNumericField("high", 99.9, 3);
		gd.addCheckbox("clip", false);
		gd.addCheckbox("overwrite", false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String input = gd.getNextString().trim(), output = gd.getNextString().trim(), model = gd.getNextString().trim();
		final int scale = (int) gd.getNextNumber();
		final double alpha = gd.getNextNumber();
		final String device = gd.getNextChoice();
		final int tile = (int) gd.getNextNumber(), halo = (int) gd.getNextNumber();
		final String mode = gd.getNextChoice();
		final double low = gd.getNextNumber(), high = gd.getNextNumber();
		final boolean clip = gd.getNextBoolean(), overwrite = gd.getNextBoolean();
		final Cancel cancel = new Cancel();
		final Progress progress = new FijiProgress(IJ::log, cancel, () -> false);
		try (Enhancer e = Enhancer.open(Options.settings(model, device, tile, halo, mode, low, high, clip).scale(scale)
			.alpha(alpha < 1 ? Double.valueOf(alpha) : null), ModelCatalog.standard(), progress))
		{
			if (input.isEmpty()) {
				final ImagePlus imp = IJ.getImage();
				final ImagePlus res = e.enhance(imp, null, progress, cancel);
				if (!output.isEmpty()) org.tilesr.io.ImageJFiles.saveTiff(res, Path.of(output), overwrite);
				else res.show();
			}
			else {
				if (output.isEmpty()) throw new TileSRException("output", "an output file is needed with an input file");
				e.enhanceFile(Path.of(input), Path.of(output), overwrite, progress, cancel);
			}
		}
		catch (final TileSRException ex) {
			fail(ex.getMessage());
		}
		catch (final Cancel.CancelledException ex) {
			IJ.showStatus("TileSR: cancelled, no output written");
		}
	}

	/** A dialog in the GUI; one line on stderr (and the log) headless. */
	static void fail(final String message) {
		if (GraphicsHeadless.is()) {
			System.err.println("tilesr: " + message);
			IJ.log("TileSR: " + message);
		}
		else IJ.error("TileSR", message);
	}

	private static final class GraphicsHeadless {
		static boolean is() {
			return java.awt.GraphicsEnvironment.isHeadless() || ij.Macro.getOptions() != null && IJ.getInstance() == null;
		}
	}
}
