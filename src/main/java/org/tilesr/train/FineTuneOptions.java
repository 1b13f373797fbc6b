package org.tilesr.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Option;
import org.tilesr.api.Option.Kind;
import org.tilesr.core.NormalizationSpec;

/**
 * Fine-tuning's options, declared once (defaults from {@link FineTune.Settings#defaults}): the CLI's parser and help,
 * and the Fiji command's parameters (named in camel case: held-out is heldOut) follow this list; OptionSchemaTest
 * checks them.
 */
public final class FineTuneOptions {

	private FineTuneOptions() {}

	private static final FineTune.Settings D = FineTune.Settings.defaults(EnhanceSettings.DEFAULT_MODEL, "id", Path.of("."));

	private static Option opt(final String name, final Kind kind, final String dflt, final List<String> choices, final Double min, final Double max,
		final String unit, final String help, final boolean dialog)
	{
		return new Option(name, kind, dflt, choices, min, max, unit, help, name.equals("output") ? List.of("out") : List.of(), dialog);
	}

	public static final List<Option> ALL = List.of(
		opt("train", Kind.TEXT, "", List.of(), null, null, "", "training files: comma-separated files, folders or globs; a file's folder is its scene", true),
		opt("held-out", Kind.TEXT, "", List.of(), null, null, "",
			"held-out scenes, measured every validate-every steps; the best weights are kept (recorded in the card)", true),
		opt("base", Kind.TEXT, D.base(), List.of(), null, null, "", "the model to start from (Java-block weights)", true),
		opt("id", Kind.TEXT, "", List.of(), null, null, "", "the new model's id", true),
		opt("output", Kind.TEXT, "", List.of(), null, null, "", "folder for card.json, weights.safetensors, logs and checkpoint/ (resumes)", true),
		opt("steps", Kind.WHOLE, Integer.toString(D.steps()), List.of(), 1d, 1e6, "", "optimizer steps", true),
		opt("batch", Kind.WHOLE, Integer.toString(D.batch()), List.of(), 1d, 256d, "", "patches per step", true),
		opt("patch", Kind.WHOLE, Integer.toString(D.patch()), List.of(), 8d, 1024d, "input pixels", "side of a training patch", true),
		opt("lr", Kind.NUMBER, Option.format(D.lr()), List.of(), 0d, 1d, "", "Adam's learning rate (warm-up, then cosine to lr/10); the gan stage: " + Option.format(GanStage.LR) + " unless given", true),
		opt("device", Kind.CHOICE, D.device(), List.of("auto", "cpu", "gpu"), null, null, "", "where training runs; gpu:N picks a GPU", true),
		opt("loss", Kind.CHOICE, D.loss(), FidelityLoss.PIXEL_LOSSES, null, null, "", "pixel loss: l1 (mean absolute) or l2 (mean squared)", false),
		opt("ssim", Kind.NUMBER, Float.toString(D.ssimWeight()), List.of(), 0d, 1d, "", "weight of 1 - SSIM in the loss", false),
		opt("seed", Kind.WHOLE, Long.toString(D.seed()), List.of(), null, null, "", "random seed (patches, flips)", false),
		opt("checkpoint-every", Kind.WHOLE, Integer.toString(D.checkpointEvery()), List.of(), 1d, null, "steps", "checkpoint interval", false),
		opt("blur", Kind.NUMBER, Option.format(D.blur()), List.of(), 0d, null, "input pixels", "Gaussian blur sigma of the degradation", false),
		opt("noise", Kind.NUMBER, Option.format(D.noise()), List.of(), 0d, null, "", "Gaussian noise sigma of the degradation (0..1 range)", false),
		opt("validate-every", Kind.WHOLE, Integer.toString(D.validateEvery()), List.of(), 1d, null, "steps", "validation interval", false),
		opt("patience", Kind.WHOLE, Integer.toString(D.patience()), List.of(), 0d, null, "", "validations without a better one before stopping (0: never)",
			false),
		opt("ema", Kind.NUMBER, Option.format(D.ema()), List.of(), 0d, 1d, "", "validate and keep a moving average of the weights with this decay (0: off); the gan stage: " + Option.format(GanStage.EMA) + " unless given", false),
		opt("stage", Kind.CHOICE, D.stage(), FineTune.STAGES, null, null, "",
			"fidelity (pixel loss) or gan (ESRGAN's adversarial stage from a fidelity model: adds detail, may invent it)", true),
		opt("adversarial", Kind.NUMBER, Float.toString(D.adversarial()), List.of(), 0d, 100d, "", "gan stage: weight of the relativistic average GAN loss",
			false),
		opt("perceptual", Kind.NUMBER, Float.toString(D.perceptual()), List.of(), 0d, 100d, "",
			"gan stage: weight of the perceptual term (L1 of the discriminator's features)", false),
		opt("no-augment", Kind.FLAG, "false", List.of(), null, null, "", "no flips and rotations of the patches", false));

	public static Option get(final String name) {
		return Option.find(ALL, name);
	}

	public static List<String> flags() {
		return Option.flags(ALL);
	}

	/** The settings from option values as given (name → text, or null when not given). */
	public static FineTune.Settings settings(final Function<String, String> given) {
		final String id = text(given, "id"), out = text(given, "output");
		if (id.isEmpty() || out.isEmpty()) throw new TileSRException("fine-tune", "--id NEW_ID and --output FOLDER are needed");
		final String loss = get("loss").choice(text(given, "loss")), stage = get("stage").choice(text(given, "stage"));
		final String flag = given.apply("no-augment");
		final boolean gan = stage.equals(FineTune.GAN); // its measured recipe: a lower rate and a weight average
		return new FineTune.Settings(text(given, "base"), id, Path.of(out), whole(given, "steps"), whole(given, "batch"), whole(given, "patch"),
			gan && given.apply("lr") == null ? GanStage.LR : number(given, "lr"), loss, (float) number(given, "ssim"), whole(given, "seed"), whole(given, "checkpoint-every"), number(given, "blur"),
			number(given, "noise"), text(given, "device"), NormalizationSpec.range(), !(flag != null && flag.equalsIgnoreCase("true")),
			whole(given, "validate-every"), whole(given, "patience"), gan && given.apply("ema") == null ? GanStage.EMA : number(given, "ema"), stage, (float) number(given, "adversarial"),
			(float) number(given, "perceptual"));
	}

	private static String text(final Function<String, String> given, final String name) {
		return get(name).value(given.apply(name));
	}

	private static int whole(final Function<String, String> given, final String name) {
		final String v = text(given, name);
		final int n = get(name).parseWhole(v);
		get(name).checkRange(n, v);
		return n;
	}

	private static double number(final Function<String, String> given, final String name) {
		final String v = text(given, name);
		final double d = get(name).parseNumber(v);
		get(name).checkRange(d, v);
		return d;
	}
}
