package org.tilesr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.WeightsImport;

/** {@code tilesr models} and {@code tilesr import-weights}. */
final class ModelsCommand {

	private ModelsCommand() {}

	static int list(final Args a, final PrintStream out) {
		a.rejectUnknown();
		final ModelCatalog catalog = ModelCatalog.standard();
		out.println("folders searched, first wins:");
		for (final Path dir : catalog.folders())
			out.println("  " + dir + (Files.isDirectory(dir) ? "" : "  (not there)"));
		out.println("model cards:");
		for (final ModelCard c : catalog.cards().values())
			out.printf("  %-22s x%d  %-10s %s%s%n", c.id, c.scale(), c.weightsFormat(), c.name,
				c.isBuiltin() || Files.isRegularFile(c.weightsFile()) ? "" : "  [weights missing: " + c.weightsEntry().rebuild + "]");
		return 0;
	}

	static int importWeights(final Args a, final PrintStream out) {
		final Path cache = Path.of(a.get("npm-cache", Path.of(System.getProperty("tilesr.home", "."), ".cache", "npm").toString()));
		a.rejectUnknown();
		final ModelCatalog catalog = ModelCatalog.standard();
		final List<ModelCard> cards = new ArrayList<>();
		if (a.positional.isEmpty()) {
			for (final ModelCard c : catalog.cards().values())
				if (c.source != null && c.source.get("npm") != null && ModelCard.DJL_PARAMS.equals(c.weightsFormat())) cards.add(c);
		}
		else for (final String id : a.positional)
			cards.add(catalog.find(id));
		if (cards.isEmpty()) throw new TileSRException("import-weights", "no model card with an npm source in " + catalog.folders());
		for (final ModelCard c : cards) {
			try {
				final String sha = WeightsImport.rebuild(c, cache);
				final String recorded = c.weightsEntry().sha256;
				out.println(c.id + ": " + c.weightsFile() + " sha256 " + sha
					+ (recorded == null || recorded.isBlank() ? " (the card records none yet)" : " (matches the card)"));
			}
			catch (final IOException e) {
				throw new TileSRException(c.weightsFile(), "cannot write (" + e.getMessage() + ")", e);
			}
		}
		return 0;
	}
}
