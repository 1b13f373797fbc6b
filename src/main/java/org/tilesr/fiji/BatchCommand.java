package org.tilesr.fiji;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.api.Batch;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.model.ModelCatalog;

/**
 * Plugins › Super-Resolution › TileSR Batch…: a folder into a folder, model loaded once, resumable, with a CSV
 * report. Runs headless: {@code ImageJ --headless --run "TileSR Batch" "input='…', output='…', model='…'"}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Super-Resolution>TileSR Batch...", label = "TileSR Batch", headless = true)
public class BatchCommand extends ContextCommand {

	@Parameter(label = "Input folder", style = "directory", persist = false)
	private File input;

	@Parameter(label = "File pattern", description = "glob, e.g. *.dcm or *.tif", persist = false, required = false)
	private String pattern = "*";

	@Parameter(label = "Output folder", style = "directory", persist = false)
	private File output;

	@Parameter(label = "Model", persist = false)
	private String model = EnhanceSettings.DEFAULT_MODEL;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, persist = false)
	private String device = "auto";

	@Parameter(label = "Tile (0 = model's)", min = "0", max = "4096", persist = false)
	private int tile;

	@Parameter(label = "Halo (-1 = model's)", min = "-1", max = "512", persist = false)
	private int halo = -1;

	@Parameter(label = "Normalization", choices = { "range", "percentile", "fixed", "ctwindow", "type" }, persist = false)
	private String normalization = "range";

	@Parameter(label = "Low", persist = false)
	private double low = 0.1;

	@Parameter(label = "High", persist = false)
	private double high = 99.9;

	@Parameter(label = "Clip outside low..high", persist = false)
	private boolean clip;

	@Parameter(label = "Overwrite finished outputs", persist = false)
	private boolean overwrite;

	@Parameter(type = ItemIO.OUTPUT)
	private int failed;

	@Parameter(type = ItemIO.OUTPUT)
	private String report;

	@Parameter
	private LogService log;

	private final Cancel cancel = new Cancel();

	@Override
	public void run() {
		try {
			if (input == null || output == null) throw new TileSRException("batch", "input and output folders are needed");
			final EnhanceSettings s = Options.settings(model, device, tile, halo, normalization, low, high, clip);
			final FijiProgress progress = new FijiProgress(log, cancel, this);
			final List<Batch.Row> rows;
			try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), progress)) {
				rows = Batch.run(e, input.toPath(), pattern, output.toPath(), overwrite, progress, cancel);
			}
			failed = (int) Batch.failures(rows);
			report = output.toPath().resolve(Batch.REPORT).toString();
			for (final Batch.Row r : rows)
				if (r.status().equals("failed")) log.error("TileSR: " + r.error());
			if (failed > 0) cancel(failed + " of " + rows.size() + " files failed; see " + report);
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
