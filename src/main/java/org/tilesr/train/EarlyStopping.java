package org.tilesr.train;

import ai.djl.Model;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tilesr.TileSRException;
import org.tilesr.core.Progress;
import org.tilesr.io.OutputFile;

/**
 * Scene-level validation while fine-tuning: every {@code every} steps the held-out scenes are measured
 * ({@link Validation}); the best weights so far are kept in {@code checkpoint/best.params}, and training stops after
 * {@code patience} measurements without a better one (0: never). Best means: every held-out scene at least as good
 * as the base model (step 0) if any measurement achieves that, then the highest mean gain over the scenes. The
 * curve is {@code validation-log.csv} (step, scene, gain over bicubic in dB), kept across resumed runs.
 */
final class EarlyStopping {

	/** One measurement: each held-out scene's gain over bicubic (dB) and high-frequency ratio (NaN when not known). */
	record Entry(int step, Map<String, Double> gains, Map<String, Double> hf) {

		double mean() {
			return gains.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}
	}

	static final String LOG = "validation-log.csv";

	private final Validation validation;
	private final int every, patience;
	private final boolean choose;
	private final Path out, best;
	private final List<Entry> history = new ArrayList<>();
	private Entry chosen;
	private int sinceBest;

	/** @param choose whether the best measurement is kept; if not (the gan stage), the last one is "chosen" */
	EarlyStopping(final Validation validation, final int every, final int patience, final boolean choose, final Path out) {
		this.validation = validation;
		this.choose = choose;
		this.every = every;
		this.patience = patience;
		this.out = out;
		this.best = out.resolve("checkpoint").resolve("best.params");
	}

	List<Entry> history() {
		return history;
	}

	/** The measurement of the kept weights, or null before any. */
	Entry chosen() {
		return chosen;
	}

	Entry base() {
		return history.isEmpty() || history.get(0).step() != 0 ? null : history.get(0);
	}

	Path bestWeights() {
		return best;
	}

	int windows() {
		return validation.size();
	}

	List<String> scenes() {
		return validation.scenes();
	}

	boolean chooses() {
		return choose;
	}

	int every() {
		return every;
	}

	boolean due(final int step, final int last) {
		return step % every == 0 || step == last;
	}

	/** Reads the curve of an interrupted run back (the best weights are in the checkpoint folder). */
	void resume(final int step) {
		final Path log = out.resolve(LOG);
		if (!Files.isRegularFile(log)) return;
		try {
			final Map<Integer, Map<String, Double>> by = new LinkedHashMap<>(), hf = new LinkedHashMap<>();
			final List<String> lines = Files.readAllLines(log);
			for (final String line : lines.subList(1, lines.size())) {
				final String[] f = line.split(",");
				final int s = Integer.parseInt(f[0]);
				if (s > step) continue;
				by.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
				hf.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(f[1], f.length > 3 ? Double.parseDouble(f[3]) : Double.NaN);
			}
			for (final var e : by.entrySet()) {
				final Entry entry = new Entry(e.getKey(), e.getValue(), hf.get(e.getKey()));
				history.add(entry);
				if (!choose || better(entry, chosen)) {
					chosen = entry;
					sinceBest = 0;
				}
				else sinceBest++;
			}
		}
		catch (final IOException | RuntimeException e) {
			throw new TileSRException(log, "unreadable validation log (" + e.getMessage() + ")", e);
		}
	}

	/** Measures the model at {@code step}; keeps its weights when best; returns whether training should stop. */
	boolean measure(final Model model, final int step, final Progress progress) {
		final Validation.Scores scores = validation.scores(model.getBlock(), model.getNDManager(), 4);
		final Entry e = new Entry(step, scores.gains(), scores.hf());
		history.add(e);
		final boolean better = better(e, chosen);
		if (!choose) chosen = e;
		else if (better) {
			chosen = e;
			sinceBest = 0;
			try {
				Files.createDirectories(best.getParent());
			}
			catch (final IOException x) {
				throw new TileSRException(best.getParent(), "cannot create it (" + x.getMessage() + ")", x);
			}
			OutputFile.write(best, true, os -> {
				final DataOutputStream d = new DataOutputStream(os);
				model.getBlock().saveParameters(d);
				d.flush();
			});
		}
		else sinceBest++;
		writeLog();
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "validation step %d: mean %+.3f dB over bicubic", step, e.mean()));
		for (final var g : e.gains().entrySet()) {
			sb.append(String.format(Locale.ROOT, "; %s %+.3f (hf %.3f)", g.getKey(), g.getValue(), e.hf().get(g.getKey())));
			final Entry base = base();
			if (base != null && step > 0) sb.append(String.format(Locale.ROOT, " (%+.3f vs base)", g.getValue() - base.gains().get(g.getKey())));
		}
		progress.log(sb + (better && choose ? " [best]" : ""));
		return patience > 0 && sinceBest >= patience;
	}

	private boolean better(final Entry e, final Entry current) {
		if (current == null) return true;
		final boolean a = noSceneBelowBase(e), b = noSceneBelowBase(current);
		return a != b ? a : e.mean() > current.mean();
	}

	/** Whether every held-out scene is at least as good as with the base model. */
	boolean noSceneBelowBase(final Entry e) {
		final Entry base = base();
		if (base == null || e == base) return true;
		return e.gains().entrySet().stream().allMatch(g -> g.getValue() >= base.gains().get(g.getKey()));
	}

	private void writeLog() {
		final StringBuilder sb = new StringBuilder("step,scene,gain_over_bicubic_db,hf_ratio\n");
		for (final Entry e : history)
			for (final var g : e.gains().entrySet())
				sb.append(e.step()).append(',').append(g.getKey()).append(',')
					.append(String.format(Locale.ROOT, "%.4f,%.4f", g.getValue(), e.hf().get(g.getKey()))).append('\n');
		OutputFile.writeString(out.resolve(LOG), true, sb);
	}
}
