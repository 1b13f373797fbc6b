package org.tilesr.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.OutputFile;

/**
 * Folder to folder with one loaded model: every file matching the pattern is enhanced to {@code <name>_tilesr.tif}
 * in the output folder. Resumable: finished outputs are skipped (unless overwriting). One bad file is a report
 * row, not the end of the run. The report (CSV: file, status, seconds, output, error) is written at the end.
 */
public final class Batch {

	/** One row of the report. */
	public record Row(String file, String status, double seconds, String output, String error) {}

	public static final String SUFFIX = "_tilesr.tif";
	public static final String REPORT = "tilesr-report.csv";

	private Batch() {}

	public static List<Row> run(final Enhancer enhancer, final Path input, final String pattern, final Path output,
		final boolean overwrite, final Progress progress, final Cancel cancel)
	{
		checkFolders(input, output);
		final PathMatcher match = FileSystems.getDefault().getPathMatcher("glob:" + (pattern == null || pattern.isBlank() ? "*" : pattern));
		final List<Path> files = new ArrayList<>();
		try (Stream<Path> s = Files.list(input)) {
			s.filter(p -> Files.isRegularFile(p) && match.matches(p.getFileName()) && !p.getFileName().toString().startsWith("."))
				.sorted().forEach(files::add);
		}
		catch (final IOException e) {
			throw new TileSRException(input, "cannot list (" + e.getMessage() + ")", e);
		}
		final List<Row> rows = new ArrayList<>();
		int i = 0;
		for (final Path f : files) {
			cancel.check();
			i++;
			final Path out = output.resolve(f.getFileName().toString().replaceFirst("\\.[^.]*$", "") + SUFFIX);
			if (Files.exists(out) && !overwrite) {
				rows.add(new Row(f.getFileName().toString(), "skipped", 0, out.toString(), "output exists (done before)"));
				continue;
			}
			progress.log(String.format(Locale.ROOT, "[%d/%d] %s", i, files.size(), f.getFileName()));
			final long t0 = System.nanoTime();
			try {
				enhancer.enhanceFile(f, out, overwrite, progress, cancel);
				rows.add(new Row(f.getFileName().toString(), "ok", (System.nanoTime() - t0) / 1e9, out.toString(), ""));
			}
			catch (final TileSRException e) {
				progress.log("failed: " + e.getMessage());
				rows.add(new Row(f.getFileName().toString(), "failed", (System.nanoTime() - t0) / 1e9, "", e.getMessage()));
			}
		}
		writeReport(output.resolve(REPORT), rows);
		return rows;
	}

	static void writeReport(final Path report, final List<Row> rows) {
		final Path tmp = OutputFile.temp(report, ".tmp");
		try {
			try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				w.write("file,status,seconds,output,error\n");
				for (final Row r : rows)
					w.write(String.join(",", csv(r.file()), r.status(), String.format(Locale.ROOT, "%.2f", r.seconds()), csv(r.output()),
						csv(r.error())) + "\n");
			}
			OutputFile.publish(tmp, report, true);
		}
		catch (final IOException e) {
			throw new TileSRException(report, "cannot write the report (" + e.getMessage() + ")", e);
		}
		finally {
			OutputFile.discard(tmp);
		}
	}

	private static String csv(final String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
	}

	public static long failures(final List<Row> rows) {
		return rows.stream().filter(r -> r.status().equals("failed")).count();
	}

	/** The closing line of a batch, the same in every entry point: counts and where the report is. */
	public static String summary(final List<Row> rows, final Path output) {
		final long ok = rows.stream().filter(r -> r.status().equals("ok")).count();
		final long skipped = rows.stream().filter(r -> r.status().equals("skipped")).count();
		return ok + " enhanced, " + skipped + " skipped (done before), " + failures(rows) + " failed; report: " + output.resolve(REPORT);
	}

	/** Refuses a missing input folder, or an output that is a file, before any model is loaded. */
	public static void checkFolders(final Path input, final Path output) {
		if (!Files.isDirectory(input)) throw new TileSRException(input, Files.exists(input) ? "is not a folder" : "no such folder");
		if (Files.exists(output) && !Files.isDirectory(output)) throw new TileSRException(output, "is a file, not a folder");
	}
}
