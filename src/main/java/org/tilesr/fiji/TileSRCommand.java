package org.tilesr.fiji;

import org.scijava.ItemVisibility;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.Cancel;

/**
 * The options every TileSR command shares (same words as the CLI and the macros), its cancel token and errors. A
 * plain {@code ContextCommand}, so that {@code commandService.run(...)} returns a future that Fiji's {@code --run} and
 * scripts can wait on; the model list of the dialogs comes from {@link ModelChoiceConverter}.
 */
abstract class TileSRCommand extends ContextCommand {

	@Parameter(label = "Model", description = "a model card from the installation's models/ or ~/.tilesr/models (macros and scripts may also give a card folder)",
		persist = false, callback = "modelChanged")
	private ModelChoice model = new ModelChoice(EnhanceSettings.DEFAULT_MODEL);

	/** The chosen model's warning (adversarially trained models), shown under the model in the dialog. */
	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false, initializer = "modelChanged")
	private String modelNote = "";

	@Parameter(label = "Scale (auto = the model's)", description = "another scale picks the card of the same model family at that scale", persist = false)
	private String scale = EnhanceOptions.AUTO;

	@Parameter(label = "Alpha", description = "network interpolation: 1 = the model alone; below 1 its weights are blended with those of the card's interpolate_with model (0 = that model)",
		min = "0", max = "1", stepSize = "0.05", style = "slider", persist = false)
	private double alpha = 1;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, persist = false)
	private String device = "auto";

	@Parameter(label = "Precision", description = "the network's number format on the device: auto = fp16 on a GPU, fp32 on the CPU",
		choices = { "auto", "fp32", "fp16" }, persist = false, required = false)
	private String precision = "auto";

	@Parameter(label = "Tile (input pixels, auto = the model's)", persist = false)
	private String tile = EnhanceOptions.AUTO;

	@Parameter(label = "Halo (input pixels, auto = the model's)", persist = false)
	private String halo = EnhanceOptions.AUTO;

	@Parameter(label = "Normalization", choices = { "range", "percentile", "fixed", "ctwindow", "type" }, persist = false)
	private String normalization = "range";

	@Parameter(label = "Low (percentile, value or CT centre)", persist = false)
	private double low = 0.1;

	@Parameter(label = "High (percentile, value or CT width)", persist = false)
	private double high = 99.9;

	@Parameter(label = "Clip", description = "clip values outside low..high (the provenance says so)", persist = false)
	private boolean clip;

	@Parameter
	protected LogService log;

	protected final Cancel cancel = new Cancel();

	/** The engine settings, validated by the option schema as every entry point's (code callers bypass the dialog). */
	protected EnhanceSettings settings() {
		if (model == null) throw new TileSRException("model", "no model given");
		final java.util.Map<String, String> v = new java.util.HashMap<>();
		v.put("model", model.id());
		v.put("scale", scale);
		v.put("alpha", Double.toString(alpha));
		v.put("device", device);
		v.put("precision", precision);
		v.put("tile", tile);
		v.put("halo", halo);
		v.put("normalization", normalization);
		v.put("low", Double.toString(low));
		v.put("high", Double.toString(high));
		v.put("clip", Boolean.toString(clip));
		return EnhanceOptions.settings(v::get);
	}

	/** Shows the chosen model's warning in the dialog, if its card has one. */
	protected void modelChanged() {
		modelNote = "";
		if (model == null) return;
		try {
			final org.tilesr.model.ModelCard c = org.tilesr.model.ModelCatalog.standard().find(model.id());
			if (c.warning != null) modelNote = "Warning: " + c.id + " is " + c.warning + ".";
		}
		catch (final RuntimeException e) {
			// an unknown model is reported when the command runs
		}
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
