package org.tilesr.fiji;

import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.Cancel;

/**
 * The options every TileSR command shares (same words as the CLI and the macros), its cancel token and errors. A
 * plain {@code ContextCommand}, so that {@code commandService.run(...)} returns a future that Fiji's {@code --run} and
 * scripts can wait on; the model list of the dialogs comes from {@link ModelChoiceConverter}.
 */
abstract class TileSRCommand extends ContextCommand {

	@Parameter(label = "Model", description = "a model card from the installation's models/ or ~/.tilesr/models (macros and scripts may also give a card folder)",
		persist = false)
	private ModelChoice model = new ModelChoice(EnhanceSettings.DEFAULT_MODEL);

	@Parameter(label = "Scale (0 = model's)", description = "another scale picks the same model family's card for it", min = "0", max = "16", persist = false)
	private int scale;

	@Parameter(label = "Alpha (network interpolation)", description = "1 = the model; below 1 blends its weights with its card's interpolate_with model",
		min = "0", max = "1", stepSize = "0.05", style = "slider", persist = false)
	private double alpha = 1;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, persist = false)
	private String device = "auto";

	@Parameter(label = "Precision", description = "the network's number format on the device: auto = fp16 on a GPU, fp32 on the CPU",
		choices = { "auto", "fp32", "fp16" }, persist = false, required = false)
	private String precision = "auto";

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
		if (model == null) throw new TileSRException("model", "no model given");
		return Options.settings(model.id(), device, tile == 0 ? null : tile, halo < 0 ? null : halo, normalization, low, high, clip).scale(scale)
			.alpha(alpha < 1 ? Double.valueOf(alpha) : null).precision(precision);
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
			fail(e.getMessage());
			cancel(e.getMessage());
		}
		catch (final Cancel.CancelledException e) {
			cancel("cancelled");
		}
	}

	/** A failure the user must see: an error dialog in the GUI, a {@code tilesr: } error line headless, exit status 1 in a command-line job. */
	protected void fail(final String message) {
		Options.error(log, context().getService(org.scijava.ui.UIService.class), message);
		ExitStatus.failed();
	}

	@Override
	public void cancel(final String reason) {
		cancel.cancel();
		super.cancel(reason);
	}
}
