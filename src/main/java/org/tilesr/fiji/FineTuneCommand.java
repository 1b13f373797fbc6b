package org.tilesr.fiji;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.train.FineTuneOptions;
import org.tilesr.train.FineTuneProcess;

/**
 * Plugins › Super-Resolution › TileSR Fine-tune…: fine-tunes a model on the user's own scans (the same engine as
 * {@code tilesr fine-tune}, in a child Java process; progress in the status bar, Esc stops it and keeps the last
 * checkpoint, running it again resumes). Headless too.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Super-Resolution>TileSR Fine-tune...", label = "TileSR Fine-tune", headless = true)
public class FineTuneCommand extends ContextCommand {

	@Parameter(label = "Training files", description = "comma-separated files, folders or globs (e.g. /data/mr/*.dcm)", persist = false)
	private String train;

	@Parameter(label = "Held-out files", description = "comma-separated; recorded in the card for evaluation", required = false, persist = false)
	private String heldOut = "";

	@Parameter(label = "Base model", persist = false)
	private String base = FineTuneOptions.get("base").dflt();

	@Parameter(label = "New model id", persist = false)
	private String id;

	@Parameter(label = "Output folder", style = "directory", persist = false)
	private File output;

	@Parameter(label = "Steps", min = "1", max = "1000000", persist = false)
	private int steps = Integer.parseInt(FineTuneOptions.get("steps").dflt());

	@Parameter(label = "Batch", min = "1", max = "256", persist = false)
	private int batch = Integer.parseInt(FineTuneOptions.get("batch").dflt());

	@Parameter(label = "Patch (input pixels)", min = "8", max = "1024", persist = false)
	private int patch = Integer.parseInt(FineTuneOptions.get("patch").dflt());

	@Parameter(label = "Learning rate", description = "left at 1e-4, the gan stage uses its own 5e-5", persist = false)
	private double lr = Double.parseDouble(FineTuneOptions.get("lr").dflt());

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" }, persist = false)
	private String device = "auto";

	@Parameter(label = "Stage", description = "fidelity (pixel loss), or gan: ESRGAN's adversarial stage from a fidelity model "
		+ "(sharper, but it may add plausible detail that is not in the data; not for quantitative measurement)",
		choices = { "fidelity", "gan" }, persist = false)
	private String stage = FineTuneOptions.get("stage").dflt();

	@Parameter(type = ItemIO.OUTPUT)
	private String card;

	@Parameter
	private LogService log;

	private final Cancel cancel = new Cancel();

	@Override
	public void run() {
		try {
			if (train == null || train.isBlank() || id == null || id.isBlank() || output == null)
				throw new TileSRException("TileSR Fine-tune", "training files, a new model id and an output folder are needed");
			final List<String> args = new ArrayList<>(List.of("--base", base, "--id", id, "--output", output.getPath(), "--train", train,
				"--steps", Integer.toString(steps), "--batch", Integer.toString(batch), "--patch", Integer.toString(patch),
				"--device", device, "--stage", stage));
			// left at its default, the stage's own rate applies (the gan stage's is lower)
			if (lr != Double.parseDouble(FineTuneOptions.get("lr").dflt())) args.addAll(List.of("--lr", Double.toString(lr)));
			if (heldOut != null && !heldOut.isBlank()) args.addAll(List.of("--held-out", heldOut));
			card = FineTuneProcess.run(args, new FijiProgress(log::info, cancel, this::isCanceled), cancel).toString();
		}
		catch (final TileSRException e) {
			Options.error(log, context().getService(org.scijava.ui.UIService.class), e.getMessage());
			ExitStatus.failed();
			cancel(e.getMessage());
		}
		catch (final Cancel.CancelledException e) {
			cancel("cancelled; the last checkpoint is kept, run again to resume");
		}
	}

	@Override
	public void cancel(final String reason) {
		cancel.cancel();
		super.cancel(reason);
	}
}
