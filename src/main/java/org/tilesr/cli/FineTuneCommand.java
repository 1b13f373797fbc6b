package org.tilesr.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.model.ModelCatalog;
import org.tilesr.train.FineTune;
import org.tilesr.train.FineTuneOptions;

/** {@code tilesr fine-tune --id NEW --output DIR --train FILES [--held-out FILES] [options]} (train.FineTuneOptions). */
final class FineTuneCommand {

	private FineTuneCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final FineTune.Settings s = FineTuneOptions.settings(EnhanceCommand.given(a, FineTuneOptions::get));
		final List<Path> train = files(a.get("train", null), "--train"), held = files(a.get("held-out", ""), "--held-out");
		a.rejectUnknown();
		if (train.isEmpty()) throw new TileSRException("--train", "no training files given");
		try (EnhanceCommand.CtrlC c = new EnhanceCommand.CtrlC(cancel)) {
			final FineTune.Result r = FineTune.run(s, train, held, ModelCatalog.standard(), new EnhanceCommand.ConsoleProgress(err), cancel);
			err.println("peak RSS " + PeakMemory.megabytes() + " MB");
			out.println(r.card().toAbsolutePath());
		}
		return 0;
	}

	/** Whether a file in a folder looks like a raster: TIFF, DICOM (or no extension, as DICOM often has), JPEG 2000, ENVI/VRT. */
	static boolean raster(final Path f) {
		final String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		if (n.startsWith(".")) return false;
		final int dot = n.lastIndexOf('.');
		return dot < 0 || java.util.Set.of("tif", "tiff", "dcm", "dicom", "ima", "jp2", "img", "vrt").contains(n.substring(dot + 1));
	}

	/**
	 * Comma-separated files, folders (their rasters, sorted) and globs in the last part of a path
	 * ({@code data/mr/brain_00*.dcm}).
	 */
	static List<Path> files(final String list, final String option) {
		final List<Path> out = new ArrayList<>();
		if (list == null || list.isBlank()) return out;
		for (final String item : list.split(",")) {
			if (item.isBlank()) continue;
			final Path p = Path.of(item.trim());
			final String name = p.getFileName().toString();
			try {
				if (name.contains("*") || name.contains("?") || name.contains("[")) {
					final Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
					final PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
					try (Stream<Path> s = Files.list(parent)) {
						final List<Path> hits = s.filter(f -> m.matches(f.getFileName()) && Files.isRegularFile(f)).sorted().toList();
						if (hits.isEmpty()) throw new TileSRException(option, "'" + item + "' matches no file");
						out.addAll(hits);
					}
				}
				else if (Files.isDirectory(p)) try (Stream<Path> s = Files.list(p)) {
					out.addAll(s.filter(f -> Files.isRegularFile(f) && raster(f)).sorted().toList());
				}
				else if (Files.isRegularFile(p)) out.add(p);
				else throw new TileSRException(p, "no such file or folder (" + option + ")");
			}
			catch (final IOException e) {
				throw new TileSRException(p, "cannot list it (" + e.getMessage() + ")", e);
			}
		}
		return out;
	}
}
