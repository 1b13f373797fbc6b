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

/** {@code tilesr fine-tune --base ID --id NEW --out DIR --train FILES [--held-out FILES] [options]}. */
final class FineTuneCommand {

	private FineTuneCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err, final Cancel cancel) {
		final String base = a.get("base", "esrgan-thick-x4");
		final String id = a.get("id", null);
		final String dir = a.get("out", null);
		if (id == null || dir == null) throw new TileSRException("fine-tune", "--id NEW_ID and --out FOLDER are needed");
		final FineTune.Settings d = FineTune.Settings.defaults(base, id, Path.of(dir));
		final FineTune.Settings s = new FineTune.Settings(base, id, d.out(), or(a.integer("steps"), d.steps()), or(a.integer("batch"), d.batch()),
			or(a.integer("patch"), d.patch()), or(a.number("lr"), d.lr()), a.get("loss", d.loss()), or(a.number("ssim"), (double) d.ssimWeight()).floatValue(),
			or(a.integer("seed"), (int) d.seed()), or(a.integer("checkpoint-every"), d.checkpointEvery()), or(a.number("blur"), 0.0),
			or(a.number("noise"), 0.0), a.get("device", "auto"), d.normalization(), !a.flag("no-augment"),
			or(a.integer("validate-every"), d.validateEvery()), or(a.integer("patience"), d.patience()),
			or(a.number("ema"), d.ema()));
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

	private static <T> T or(final T value, final T dflt) {
		return value != null ? value : dflt;
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
