package org.tilesr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.api.Batch;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.model.ModelCatalog;

/** {@code tilesr batch IN_DIR OUT_DIR}. */
final class BatchCommand {

	private BatchCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final EnhanceSettings s = EnhanceCommand.settings(a);
		final String pattern = a.get("pattern", org.tilesr.api.BatchOptions.get("pattern").dflt());
		final boolean overwrite = a.flag("overwrite");
		a.rejectUnknown();
		if (a.positional.size() != 2) throw new TileSRException("batch", "needs IN_DIR and OUT_DIR, got " + a.positional);
		final Path in = Path.of(a.positional.get(0)), dir = Path.of(a.positional.get(1));
		Batch.checkFolders(in, dir);
		final List<Batch.Row> rows;
		try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), new EnhanceCommand.ConsoleProgress(err));
			EnhanceCommand.CtrlC c = new EnhanceCommand.CtrlC(cancel))
		{
			rows = Batch.run(e, in, pattern, dir, overwrite, new EnhanceCommand.ConsoleProgress(err), cancel);
		}
		for (final Batch.Row r : rows)
			if (r.status().equals("failed")) err.println("tilesr: " + r.error());
		out.println(Batch.summary(rows, dir));
		return Batch.failures(rows) > 0 ? 1 : 0;
	}
}
