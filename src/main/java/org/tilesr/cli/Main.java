package org.tilesr.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.Option;
import org.tilesr.eval.EvaluateOptions;
import org.tilesr.train.FineTuneOptions;
import org.tilesr.api.Version;
import org.tilesr.core.Cancel;

/** {@code tilesr} command line: enhance, models, import-weights, bench. */
public final class Main {

	static final String USAGE = String.join("\n",
		"usage: tilesr <command> [options]",
		"  enhance IN OUT [--overwrite] [enhance options]",
		"      Enhance a DICOM or TIFF image (2D or stack) and write a TIFF of the same type, scale times larger.",
		"      Weights are checked against the card's sha256.",
		"  batch IN_DIR OUT_DIR [--pattern GLOB] [--overwrite] [enhance options]",
		"      Every matching file to OUT_DIR/<name>_tilesr.tif with one loaded model; resumable; writes",
		"      OUT_DIR/tilesr-report.csv; exit status 1 when any file failed.",
		"  fine-tune --id NEW --output DIR --train FILES [fine-tune options]",
		"      Fine-tune a Java-block model (L1 or L2, + SSIM; Adam) on real rasters; FILES: comma-separated files, folders,",
		"      globs; a file's folder is its scene, patches are drawn evenly across scenes, flipped and rotated.",
		"      With --held-out, those scenes are measured every N steps (default 200), the best weights are kept and",
		"      training stops after --patience measurements without a better one (default 5; 0 = never).",
		"      --ema DECAY: validate and keep a moving average of the weights (e.g. 0.99; default 0 = off).",
		"      --stage gan: ESRGAN's adversarial stage from a fidelity model (a discriminator, the relativistic average",
		"      and a perceptual loss; defaults --lr 5e-5 --ema 0.99); its card warns that it may add detail not in the data.",
		"      Checkpoints in DIR/checkpoint; running it again resumes. Writes DIR/card.json + weights.safetensors (float16).",
		"  evaluate FILES [evaluate options]",
		"      Degrade real high-resolution files (bicubic x1/N), enhance them with bicubic and each model, and",
		"      measure PSNR, SSIM and the high-frequency ratio per band: DIR/evaluation.csv, summary.md, evaluation.png,",
		"      perception-distortion.png (--alphas: the first model at each network-interpolation alpha); --card records it.",
		"      --by-scene: also per scene (a file's folder, or NAME=FILES as one argument) and the mean over",
		"      scenes, with the gain over the base model (--base, default the first of --models).",
		"  models                         List the model cards TileSR can find.",
		"  import-weights [ID...] [--npm-cache DIR]   Rebuild generic weights from their npm package (default .cache/npm).",
		"  bench [--model ID] [--tile N] [--runs N] [--device D] [--torchscript FILE.pt]",
		"      Time the model on CPU/GPU: ms per tile through TileSR and in a plain forward loop; with --torchscript,",
		"      also the same network as a TorchScript module (scripts/export-rrdn-torchscript.py) on the same libtorch.",
		"  bench pipeline IN [--model ID] [--tile N] [--halo N] [--batch N]",
		"      The whole engine on IN vs a plain forward loop over the same tiles and vs one whole-image forward",
		"      per band (wall-time ratios; pixels computed per pixel needed).",
		"  bench raster OUT --size N --from IMAGE   A large test TIFF, mirror-tiled from a real image.",
		"  version",
		"file options (batch, spark; overwrite also for enhance; the same names in the Fiji dialogs and macros):",
		String.join("\n", Option.help(org.tilesr.api.BatchOptions.ALL, "    ")),
		"enhance options (enhance, batch, spark; the same names in the Fiji dialogs, macros and scripts):",
		String.join("\n", EnhanceOptions.usage("  ", 118)),
		String.join("\n", EnhanceOptions.help("    ")),
		"fine-tune options (the same names in the Fiji command; held-out is heldOut there):",
		String.join("\n", Option.usage(FineTuneOptions.ALL, "  ", 118)),
		String.join("\n", Option.help(FineTuneOptions.ALL, "    ")),
		"evaluate options:",
		String.join("\n", Option.usage(EvaluateOptions.ALL, "  ", 118)),
		String.join("\n", Option.help(EvaluateOptions.ALL, "    ")),
		"  old names still taken: --norm for --normalization; scale 0, tile 0, halo -1 for auto; --out for --output (fine-tune, evaluate)");

	private Main() {}

	public static void main(final String[] argv) {
		final int status = run(Arrays.asList(argv), System.out, System.err);
		// 130: cancelled from the shutdown hook (Ctrl-C); the JVM is exiting already and exit() would block.
		if (status != CANCELLED) System.exit(status);
	}

	static final int CANCELLED = 130;

	/** Runs a command; returns the exit status (0 ok, 1 failed, 2 usage, 130 cancelled). */
	public static int run(final List<String> argv, final PrintStream out, final PrintStream err) {
		if (argv.isEmpty() || argv.get(0).equals("help") || argv.get(0).equals("--help")) {
			(argv.isEmpty() ? err : out).println(USAGE);
			return argv.isEmpty() ? 2 : 0;
		}
		final List<String> rest = argv.subList(1, argv.size());
		final Cancel cancel = new Cancel();
		try {
			switch (argv.get(0)) {
				case "enhance":
					return EnhanceCommand.run(new Args(rest, EnhanceCommand.FLAGS), out, err, cancel);
				case "batch":
					return BatchCommand.run(new Args(rest, EnhanceCommand.FLAGS), out, err, cancel);
				case "fine-tune":
					return FineTuneCommand.run(new Args(rest, Set.copyOf(FineTuneOptions.flags())), out, err, cancel);
				case "evaluate":
					return EvaluateCommand.run(new Args(rest, Set.copyOf(EvaluateOptions.flags())), out, err, cancel);
				case "models":
					return ModelsCommand.list(new Args(rest, Set.of()), out);
				case "import-weights":
					return ModelsCommand.importWeights(new Args(rest, Set.of()), out);
				case "bench": {
					final Args a = new Args(rest, Set.of("overwrite"));
					if (!a.positional.isEmpty() && a.positional.get(0).equals("pipeline")) return BenchPipelineCommand.pipeline(a, out, err);
					if (!a.positional.isEmpty() && a.positional.get(0).equals("raster")) return BenchPipelineCommand.raster(a, out);
					return BenchCommand.run(a, out, err);
				}
				case "version":
					out.println("TileSR " + Version.get());
					return 0;
				default:
					err.println("tilesr: unknown command '" + argv.get(0) + "'\n" + USAGE);
					return 2;
			}
		}
		catch (final TileSRException e) {
			err.println("tilesr: " + e.getMessage());
			return 1;
		}
		catch (final Cancel.CancelledException e) {
			err.println("tilesr: cancelled, no output written");
			return CANCELLED;
		}
		catch (final RuntimeException | OutOfMemoryError | StackOverflowError e) {
			// a bug, not a user's mistake: one line; the trace with TILESR_DEBUG=1
			err.println("tilesr: internal error (" + TileSRException.oneLine(e) + "); TILESR_DEBUG=1 shows where");
			if (System.getenv("TILESR_DEBUG") != null) e.printStackTrace(err);
			return 1;
		}
	}
}
