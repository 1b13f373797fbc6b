package org.tilesr.fiji;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.model.ModelCatalog;

/** Plugins › Super-Resolution › TileSR Enhance…: the current image (2D, stack, hyperstack) through a model. */
@Plugin(type = Command.class, menuPath = "Plugins>Super-Resolution>TileSR Enhance...", label = "TileSR Enhance")
public class EnhanceCommand extends ContextCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Model", description = "model id (see models/) or a folder with a card.json", persist = false)
	private String model = EnhanceSettings.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, persist = false)
	private String device = "auto";

	@Parameter(label = "Tile (0 = model's)", min = "0", max = "4096", persist = false)
	private int tile;

	@Parameter(label = "Halo (-1 = model's)", min = "-1", max = "512", persist = false)
	private int halo = -1;

	@Parameter(label = "Normalization", choices = { "range", "percentile", "fixed", "ctwindow", "type" }, persist = false)
	private String normalization = "range";

	@Parameter(label = "Low (percentile, value or CT centre)", persist = false)
	private double low = 0.1;

	@Parameter(label = "High (percentile, value or CT width)", persist = false)
	private double high = 99.9;

	@Parameter(label = "Clip outside low..high", persist = false)
	private boolean clip;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Parameter
	private LogService log;

	private final Cancel cancel = new Cancel();

	@Override
	public void run() {
		try {
			if (image == null) throw new TileSRException("image", "no image");
			final EnhanceSettings s = Options.settings(model, device, tile, halo, normalization, low, high, clip);
			final FijiProgress progress = new FijiProgress(log, cancel, this);
			try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), progress)) {
				result = e.enhance(image, null, progress, cancel);
			}
		}
		catch (final TileSRException e) {
			Options.error(log, context().getService(org.scijava.ui.UIService.class), e.getMessage());
			cancel(e.getMessage());
		}
		catch (final Cancel.CancelledException e) {
			cancel("cancelled");
		}
	}

	@Override
	public void cancel(final String reason) {
		cancel.cancel();
		super.cancel(reason);
	}
}
