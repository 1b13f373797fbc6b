package org.tilesr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Option;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.OutputFile;
import org.tilesr.model.ModelCatalog;

/** {@code tilesr enhance IN OUT}; the options enhance, batch and the Spark runner share. */
public final class EnhanceCommand {

	private EnhanceCommand() {}

	/** The flags (options without a value) of enhance and batch: the schema's, and --overwrite. */
	public static final java.util.Set<String> FLAGS = flags();

	private static java.util.Set<String> flags() {
		final java.util.Set<String> f = new java.util.HashSet<>(EnhanceOptions.flags());
		f.add("overwrite");
		return java.util.Set.copyOf(f);
	}

	/** The engine settings from the options that enhance, batch and the Spark runner share ({@link EnhanceOptions}). */
	public static EnhanceSettings settings(final Args a) {
		return EnhanceOptions.settings(given(a));
	}

	/** The schema's options as the command line gave them (aliases too; flags as "true"). */
	static java.util.function.Function<String, String> given(final Args a) {
		return given(a, EnhanceOptions::get);
	}

	/** A command's options ({@code schema}: name → its declaration) as the command line gave them. */
	static java.util.function.Function<String, String> given(final Args a, final java.util.function.Function<String, Option> schema) {
		return name -> {
			final Option o = schema.apply(name);
			if (o.kind() == Option.Kind.FLAG) return a.flag(name) ? "true" : null;
			String v = a.get(name, null);
			for (final String alias : o.aliases()) {
				final String w = a.get(alias, null);
				if (v == null) v = w;
			}
			return v;
		};
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
