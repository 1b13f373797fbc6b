package org.tilesr.eval;

import java.util.List;

import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Option;
import org.tilesr.api.Option.Kind;

/**
 * {@code tilesr evaluate}'s options, declared once (the CLI's parser and help follow this list); the normalization
 * options are the engine's own ({@link EnhanceOptions}), so they read the same everywhere.
 */
public final class EvaluateOptions {

	private EvaluateOptions() {}

	public static final List<Option> ALL = List.of(
		new Option("models", Kind.TEXT, EnhanceSettings.DEFAULT_MODEL, List.of(), null, null, "",
			"comma-separated model ids to compare with bicubic; ID@ALPHA for network interpolation", List.of(), false),
		new Option("alphas", Kind.TEXT, "", List.of(), null, null, "",
			"comma-separated alphas: the first model is run at each (ID@ALPHA) instead, for the perception-distortion curve; the base is then its first", List.of(), false),
		new Option("scale", Kind.WHOLE, EnhanceOptions.AUTO, List.of(), 2d, 16d, "", "the degradation's factor (auto: the first model's scale)",
			List.of(), false),
		new Option("output", Kind.TEXT, "evaluation", List.of(), null, null, "", "folder for evaluation.csv, summary.md, evaluation.png and perception-distortion.png",
			List.of("out"), false),
		new Option("card", Kind.TEXT, "", List.of(), null, null, "", "a model folder whose card.json records the results", List.of(), false),
		new Option("device", Kind.CHOICE, EnhanceOptions.AUTO, List.of(EnhanceOptions.AUTO, "cpu", "gpu"), null, null, "",
			"where the models run; gpu:N picks a GPU", List.of(), false),
		new Option("by-scene", Kind.FLAG, "false", List.of(), null, null, "",
			"also per scene (a file's folder, or NAME=FILES) and the mean over scenes", List.of(), false),
		new Option("base", Kind.TEXT, "", List.of(), null, null, "", "the model gains are measured against (default: the first of --models)",
			List.of(), false),
		EnhanceOptions.get("normalization"), EnhanceOptions.get("low"), EnhanceOptions.get("high"), EnhanceOptions.get("clip"),
		EnhanceOptions.get("range"), EnhanceOptions.get("window"));

	public static Option get(final String name) {
		return Option.find(ALL, name);
	}

	public static List<String> flags() {
		return Option.flags(ALL);
	}
}
