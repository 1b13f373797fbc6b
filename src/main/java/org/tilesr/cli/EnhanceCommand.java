package org.tilesr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Normalization;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCatalog;

/** {@code tilesr enhance IN OUT}. */
final class EnhanceCommand {

	private EnhanceCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final EnhanceSettings s = new EnhanceSettings()
			.model(a.get("model", EnhanceSettings.DEFAULT_MODEL))
			.device(a.get("device", "auto"))
			.tile(a.integer("tile"))
			.halo(a.integer("halo"));
		final Integer batch = a.integer("batch");
		if (batch != null) s.batch(batch);
		final String range = a.get("range", null);
		if (range != null) s.normalization(parseRange(range));
		final boolean overwrite = a.flag("overwrite");
		a.rejectUnknown();
		if (a.positional.size() != 2) throw new TileSRException("enhance", "needs IN and OUT files, got " + a.positional);
		final Path in = Path.of(a.positional.get(0));
		final Path output = Path.of(a.positional.get(1));
		// Ctrl-C: cancel, then give the engine time to stop between batches and remove its temporary file.
		final Thread worker = Thread.currentThread();
		final Thread hook = new Thread(() -> {
			cancel.cancel();
			try {
				worker.join(60_000);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		Runtime.getRuntime().addShutdownHook(hook);
		try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), new ConsoleProgress(err))) {
			e.enhanceFile(in, output, overwrite, new ConsoleProgress(err), cancel);
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (final IllegalStateException ignored) {
				// shutting down already: the hook is waiting for this thread
			}
		}
		out.println(output.toAbsolutePath());
		return 0;
	}

	static Normalization parseRange(final String v) {
		final String[] p = v.split(":");
		try {
			if (p.length == 2) return Normalization.fixed(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
		}
		catch (final IllegalArgumentException e) {
			// falls through to the message below
		}
		throw new TileSRException("--range", "'" + v + "' is not LOW:HIGH with LOW < HIGH");
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
		public void tiles(final long done, final long total) {
			final long now = System.nanoTime();
			if (done < total && now - last < 2_000_000_000L) return;
			last = now;
			final double sec = (now - start) / 1e9;
			final double eta = done == 0 ? 0 : sec / done * (total - done);
			err.println(String.format(Locale.ROOT, "tiles %d/%d  %.0f s elapsed, ETA %.0f s", done, total, sec, eta));
		}
	}
}
