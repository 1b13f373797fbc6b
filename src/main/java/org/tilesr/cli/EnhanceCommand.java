package org.tilesr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.OutputFile;
import org.tilesr.model.ModelCatalog;

/** {@code tilesr enhance IN OUT}; the options enhance, batch and the Spark runner share. */
public final class EnhanceCommand {

	private EnhanceCommand() {}

	/** The flags (options without a value) of enhance and batch. */
	public static final java.util.Set<String> FLAGS = java.util.Set.of("overwrite", "clip", "cog", "unverified-weights");

	/** The engine settings from the options that enhance and batch share. */
	public static EnhanceSettings settings(final Args a) {
		final EnhanceSettings s = new EnhanceSettings()
			.model(a.get("model", EnhanceSettings.DEFAULT_MODEL))
			.device(a.get("device", "auto"))
			.precision(a.get("precision", "auto"))
			.scale(a.integer("scale") == null ? 0 : a.integer("scale"))
			.alpha(a.number("alpha"))
			.blendWith(a.get("blend-with", null))
			.tile(a.integer("tile"))
			.halo(a.integer("halo"));
		final Integer batch = a.integer("batch");
		if (batch != null) s.batch(batch);
		s.normalization(Normalizations.parse(a));
		for (final int[] t : parseTriplets(a.get("rgb", null)))
			s.triplet(t[0], t[1], t[2]);
		final Integer budget = a.integer("memory-budget");
		if (budget != null) s.memoryBudget(budget * (1L << 20));
		s.backend(a.get("backend", "auto")).cog(a.flag("cog")).unverifiedWeights(a.flag("unverified-weights"));
		return s;
	}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final EnhanceSettings s = settings(a);
		final boolean overwrite = a.flag("overwrite");
		a.rejectUnknown();
		if (a.positional.size() != 2) throw new TileSRException("enhance", "needs IN and OUT files, got " + a.positional);
		final Path in = Path.of(a.positional.get(0));
		final Path output = Path.of(a.positional.get(1));
		Enhancer.checkFiles(in, output, overwrite);
		OutputFile.removeStale(output.toAbsolutePath().getParent(), output);
		try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), new ConsoleProgress(err)); CtrlC c = new CtrlC(cancel)) {
			e.enhanceFile(in, output, overwrite, new ConsoleProgress(err), cancel);
			err.println("peak RSS " + PeakMemory.megabytes() + " MB");
		}
		out.println(output.toAbsolutePath());
		return 0;
	}

	/** Ctrl-C cancels, then the JVM waits for the engine to stop between batches and remove its temporary file. */
	static final class CtrlC implements AutoCloseable {
		private final Thread hook;

		CtrlC(final Cancel cancel) {
			final Thread worker = Thread.currentThread();
			hook = new Thread(() -> {
				cancel.cancel();
				try {
					worker.join(60_000);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
			Runtime.getRuntime().addShutdownHook(hook);
		}

		@Override
		public void close() {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (final IllegalStateException ignored) {
				// shutting down already: the hook is waiting for this thread
			}
		}
	}

	/** {@code --rgb 4,3,2} or {@code --rgb 4,3,2;7,6,5}: 1-based band triplets. */
	static java.util.List<int[]> parseTriplets(final String v) {
		final java.util.List<int[]> out = new java.util.ArrayList<>();
		if (v == null) return out;
		for (final String t : v.split(";")) {
			final String[] p = t.split(",");
			try {
				if (p.length != 3) throw new NumberFormatException();
				out.add(new int[] { Integer.parseInt(p[0].trim()) - 1, Integer.parseInt(p[1].trim()) - 1, Integer.parseInt(p[2].trim()) - 1 });
			}
			catch (final NumberFormatException e) {
				throw new TileSRException("--rgb", "'" + t + "' is not three band numbers like 4,3,2");
			}
		}
		return out;
	}

	/** Log lines and a tile counter with ETA on stderr, at most every two seconds. */
	static final class ConsoleProgress implements Progress {
		private final PrintStream err;
		private final long start = System.nanoTime();
		private long last;

		ConsoleProgress(final PrintStream err) {
			this.err = err;
		}

		@Override
		public void log(final String line) {
			err.println(line);
		}

		@Override
		public void tiles(final long done, final long total, final double eta) {
			final long now = System.nanoTime();
			if (done < total && now - last < 2_000_000_000L) return;
			last = now;
			final double sec = (now - start) / 1e9;
			err.println(String.format(Locale.ROOT, "tiles %d/%d  %.0f s elapsed, ETA %.0f s", done, total, sec, eta));
		}
	}
}
