package org.tilesr.cli;


import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.eval.EvalTable;
import org.tilesr.eval.Evaluation;
import org.tilesr.io.OutputFile;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.eval.EvaluateOptions;
import org.tilesr.model.CardMetric;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;

/**
 * {@code tilesr evaluate FILES --models A,B [--scale 4] [--out DIR] [--card MODEL_DIR] [--by-scene] [--base ID]}:
 * bicubic and each model on real high-resolution files; CSV, Markdown summary and PNG plot; {@code --card} records the
 * summary in a model card. With {@code --by-scene} the results are also given per scene (a file's folder, or
 * {@code NAME=FILES} given as one argument) and as the mean over scenes, with the gain over the base model
 * ({@code --base}, default the first of {@code --models}).
 */
final class EvaluateCommand {

	private EvaluateCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final java.util.function.Function<String, String> given = EnhanceCommand.given(a, EvaluateOptions::get);
		final java.util.function.Function<String, String> value = name -> EvaluateOptions.get(name).value(given.apply(name));
		final List<String> models = withAlphas(Arrays.stream(value.apply("models").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
			value.apply("alphas"));
		// auto (as everywhere; 0 too): the first model's scale
		final String scaleText = value.apply("scale");
		final int scale = scaleText.equalsIgnoreCase(EnhanceOptions.AUTO) || scaleText.equals("0")
			? (models.isEmpty() ? 4 : ModelCatalog.standard().find(models.get(0).split("@")[0], 0).scale()) : whole(scaleText);
		final Path dir = Path.of(value.apply("output"));
		final String card = value.apply("card").isEmpty() ? null : value.apply("card");
		final String device = value.apply("device");
		final org.tilesr.core.NormalizationSpec norm = EnhanceOptions.normalization(given);
		final boolean byScene = "true".equals(given.apply("by-scene"));
		// the base: the first model (with --alphas, at the first alpha: alpha 0 is the model's interpolation partner)
		final String base = value.apply("base").isEmpty() ? (models.isEmpty() ? null
			: value.apply("alphas").isBlank() ? models.get(0).split("@")[0] : models.get(0)) : value.apply("base");
		a.rejectUnknown();
		final List<Path> files = new ArrayList<>();
		final Map<Path, String> scenes = new LinkedHashMap<>();
		for (final String p : a.positional) {
			final int eq = p.indexOf('=');
			final List<Path> some = FineTuneCommand.files(eq > 0 ? p.substring(eq + 1) : p, "evaluate");
			for (final Path f : some) scenes.put(f, eq > 0 ? p.substring(0, eq) : Evaluation.scene(f));
			files.addAll(some);
		}
		if (files.isEmpty()) throw new TileSRException("evaluate", "give the high-resolution files (or folders, globs) to evaluate on");
		if (byScene && (base == null || !models.contains(base))) throw new TileSRException("--base", "must be one of --models, got " + base);
		final EvalTable t;
		try (EnhanceCommand.CtrlC c = new EnhanceCommand.CtrlC(cancel)) {
			t = Evaluation.run(files, byScene ? scenes::get : f -> "", scale, models, device, norm, ModelCatalog.standard(),
				new EnhanceCommand.ConsoleProgress(err), cancel);
		}
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new TileSRException(dir, "cannot create it (" + e.getMessage() + ")", e);
		}
		t.writeCsv(dir.resolve("evaluation.csv"));
		final String md = "Evaluation x" + scale + " on " + files.size() + " held-out files (PSNR on the native range, peak = each "
			+ "band's range; SSIM per band, 11x11 Gaussian; HF ratio: energy above the low-resolution band, x - up(down(x)), over HR's, "
			+ "1 = as much fine detail as HR; border " + scale + " px left out):\n\n"
			+ (byScene ? "Per scene (means over its bands) and the mean over scenes (each scene counted once):\n\n"
				+ t.sceneMarkdown(Evaluation.BICUBIC, base) + "\nEvery band:\n\n" : "") + t.markdown(Evaluation.BICUBIC);
		OutputFile.writeString(dir.resolve("summary.md"), true, md);
		t.writePlot(dir.resolve("evaluation.png"), Evaluation.BICUBIC, "TileSR evaluation x" + scale + ": PSNR gain over bicubic per band");
		t.writeCurve(dir.resolve("perception-distortion.png"), "TileSR evaluation x" + scale + ": PSNR against high-frequency ratio");
		if (card != null) record(Path.of(card), t, files, scale, byScene ? base : null);
		out.println(md);
		out.println("wrote " + dir.resolve("evaluation.csv") + ", " + dir.resolve("summary.md") + ", " + dir.resolve("evaluation.png") + ", "
			+ dir.resolve("perception-distortion.png"));
		return 0;
	}

	/**
	 * The first model at each of {@code alphas} (comma-separated, 0..1) as ID@ALPHA (at 1 as ID: the model alone), then the
	 * other models as given.
	 */
	static List<String> withAlphas(final List<String> models, final String alphas) {
		if (alphas.isBlank() || models.isEmpty()) return models;
		if (models.get(0).contains("@")) throw new TileSRException("--alphas", "the first of --models takes the alphas; give it without @ALPHA");
		final List<String> out = new ArrayList<>();
		for (final String a : alphas.split(",")) {
			final String t = a.trim();
			final double v;
			try {
				v = Double.parseDouble(t);
			}
			catch (final NumberFormatException e) {
				throw new TileSRException("--alphas", "'" + t + "' is not a number");
			}
			if (!(v >= 0 && v <= 1)) throw new TileSRException("--alphas", "each must lie in 0..1, got " + t);
			out.add(v == 1 ? models.get(0) : models.get(0) + "@" + t); // alpha 1 is the model alone
		}
		out.addAll(models.subList(1, models.size()));
		return out;
	}

	private static int whole(final String v) {
		try {
			final int n = Integer.parseInt(v);
			if (n < 2 || n > 16) throw new TileSRException("--scale", "must be 2..16 or auto, got " + v);
			return n;
		}
		catch (final NumberFormatException e) {
			throw new TileSRException("--scale", "'" + v + "' is not a whole number or auto");
		}
	}

	/** Puts the summary into a model card's metrics (replacing earlier evaluation entries). */
	private static void record(final Path folder, final EvalTable t, final List<Path> files, final int scale, final String base) {
		final List<CardMetric> metrics = new ArrayList<>();
		final List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
		for (final EvalTable.Summary s : t.summary(Evaluation.BICUBIC))
			metrics.add(CardMetric.overFiles(s.method(), s.n(), s.psnr(), s.ssim(), s.gain(), scale, names).withHf(s.hf()));
		final List<String> images = t.images();
		if (images.size() > 1) for (final String image : images)
			for (final EvalTable.Summary s : t.summary(Evaluation.BICUBIC, image))
				metrics.add(CardMetric.overImage(s.method(), s.n(), s.psnr(), s.ssim(), s.gain(), scale, image).withHf(s.hf()));
		if (base != null) for (final EvalTable.SceneSummary s : t.byScene(Evaluation.BICUBIC, base))
			metrics.add(CardMetric.overScene(s.method(), s.n(), s.psnr(), s.ssim(), s.overBicubic(), s.overBase(), base, scale, s.scene(),
				s.scene().equals(EvalTable.MEAN) ? t.scenes() : null).withHf(s.hf()));
		ModelCard.recordEvaluation(folder, metrics);
	}
}
