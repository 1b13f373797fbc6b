package org.tilesr.fiji;

import java.util.ArrayList;
import java.util.List;

import org.scijava.command.DynamicCommand;
import org.scijava.module.MutableModuleItem;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.Cancel;
import org.tilesr.model.ModelCatalog;

/** The options every TileSR command shares (same words as the CLI and the macros), its cancel token and errors. */
abstract class TileSRCommand extends DynamicCommand {

	@Parameter(label = "Model", description = "a model card from models/ or ~/.tilesr/models (a card folder's path also works from macros)",
		initializer = "listModels", persist = false)
	private String model = EnhanceSettings.DEFAULT_MODEL;

	@Parameter(label = "Scale (0 = model's)", description = "another scale picks the same model family's card for it", min = "0", max = "16", persist = false)
	private int scale;

	@Parameter(label = "Alpha (network interpolation)", description = "1 = the model; below 1 blends its weights with its card's interpolate_with model",
		min = "0", max = "1", stepSize = "0.05", style = "slider", persist = false)
	private double alpha = 1;

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

	@Parameter
	protected LogService log;

	protected final Cancel cancel = new Cancel();

	/** The engine settings, validated (code callers bypass the dialog's checks). */
	protected EnhanceSettings settings() {
		return Options.settings(model, device, tile, halo, normalization, low, high, clip).scale(scale)
			.alpha(alpha < 1 ? Double.valueOf(alpha) : null);
	}

	/** The model choices: every card TileSR finds (the dialog's list; code callers may pass any id or folder). */
	protected void listModels() {
		final List<String> ids = new ArrayList<>();
		try {
			ids.addAll(ModelCatalog.standard().cards().keySet());
		}
		catch (final TileSRException e) {
			log.warn("TileSR: " + e.getMessage());
		}
		if (ids.isEmpty()) ids.add(EnhanceSettings.DEFAULT_MODEL);
		final MutableModuleItem<String> item = getInfo().getMutableInput("model", String.class);
		item.setChoices(ids); // inputs are assigned before initializers run: a caller's model is kept
	}

	protected FijiProgress progress() {
		return new FijiProgress(log::info, cancel, this::isCanceled);
	}

	/** Runs the work; a user-facing failure becomes a dialog (GUI) or a log line (headless) and cancels the command. */
	protected void guarded(final Runnable work) {
		try {
			work.run();
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
