package org.tilesr.api;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Stream;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.OutputFile;

/**
 * Folder to folder with one loaded model: every file matching the pattern is enhanced to {@code <name>_tilesr.tif}
 * in the output folder ({@code <name>_<ext>_tilesr.tif} when several inputs share a name, e.g. a.tif and a.dcm).
 * Resumable: finished outputs are skipped (unless overwriting), temporary files of a killed run removed. One bad file
 * is a report row, whatever went wrong with it, not the end of the run. The report (CSV: file, status, seconds,
 * output, error) gets a row as each file ends, so a killed or cancelled batch still has one.
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
		final List<Path> files = inputs(input, pattern, output);
		final Map<Path, Path> outs = plan(files, output);
		final int stale = OutputFile.removeStale(output, null);
		if (stale > 0) progress.log("removed " + stale + " temporary file(s) left by an interrupted run in " + output);
		final Path report = output.resolve(REPORT);
		OutputFile.writeString(report, true, HEADER + "\n");
		final List<Row> rows = new ArrayList<>();
		int i = 0;
		for (final Path f : files) {
			i++;
			final String name = f.getFileName().toString();
			final Path out = outs.get(f);
			if (Files.exists(out) && !overwrite) {
				add(rows, report, new Row(name, "skipped", 0, out.toString(), "output exists (done before)"));
				continue;
			}
			progress.log(String.format(Locale.ROOT, "[%d/%d] %s", i, files.size(), name));
			final long t0 = System.nanoTime();
			try {
				cancel.check();
				enhancer.enhanceFile(f, out, overwrite, progress, cancel);
				add(rows, report, new Row(name, "ok", (System.nanoTime() - t0) / 1e9, out.toString(), ""));
			}
			catch (final Cancel.CancelledException e) {
				add(rows, report, new Row(name, "cancelled", (System.nanoTime() - t0) / 1e9, "", "cancelled; run the batch again to go on"));
				throw e;
			}
			catch (final TileSRException e) {
				progress.log("failed: " + e.getMessage());
				add(rows, report, new Row(name, "failed", (System.nanoTime() - t0) / 1e9, "", e.getMessage()));
			}
		}
		return rows;
	}

	private static final String HEADER = "file,status,seconds,output,error";

	/**
	 * Each input's output in the output folder, as every batch names them: {@link #outputs}, except that names stay as
	 * an earlier run gave them (its report says which input made which output), and a name an earlier run made for
	 * another input is not taken for this one.
	 */
	public static Map<Path, Path> plan(final List<Path> files, final Path output) {
		final List<Path> outs = planByName(files.stream().map(f -> f.getFileName().toString()).toList(), output);
		final Map<Path, Path> plan = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++)
			plan.put(files.get(i), outs.get(i));
		return plan;
	}

	/** As above, for inputs known by their file names (inputs on a cluster's file system); outputs in input order. */
	public static List<Path> planByName(final List<String> names, final Path output) {
		final Path folder = output.toAbsolutePath().normalize();
		List<String> report = List.of();
		if (Files.isRegularFile(output.resolve(REPORT))) {
			try {
				report = Files.readAllLines(output.resolve(REPORT), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (final IOException | RuntimeException e) {
				// no (readable) earlier report to go by
			}
		}
		final Map<String, String> madeBy = madeBy(report, o -> {
			try {
				final Path p = Path.of(o).toAbsolutePath().normalize();
				return folder.equals(p.getParent()) ? p.getFileName().toString() : null;
			}
			catch (final RuntimeException e) {
				return null;
			}
		});
		return plan(names, n -> Files.exists(output.resolve(n)), madeBy).stream().map(output::resolve).toList();
	}

	/**
	 * {@link #plan(List, Path)} on names, for output folders that are not local paths (a cluster's file system):
	 * the inputs' file names, whether a name exists in the output folder, and which input name made each output name
	 * ({@link #madeBy}). Returns the output names in input order.
	 */
	public static List<String> plan(final List<String> names, final java.util.function.Predicate<String> exists, final Map<String, String> madeBy) {
		final List<String> outs = outputs(names);
		// names stay as an earlier run gave them (the files beside may have changed since)
		final Map<String, String> earlier = new HashMap<>();
		madeBy.forEach((o, in) -> earlier.putIfAbsent(in, o));
		final List<String> plan = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			final String name = names.get(i);
			final String before = earlier.get(name);
			String out = before != null && exists.test(before) ? before : outs.get(i);
			// an earlier run with other files made this name for another input: that output is not this file's
			for (int k = 2; exists.test(out) && !name.equals(madeBy.getOrDefault(out, name)); k++)
				out = name.replace('.', '_') + "_" + k + SUFFIX;
			plan.add(out);
		}
		return plan;
	}

	/**
	 * From an earlier run's report lines: which input name made each finished output, keyed by the output's name;
	 * {@code inFolder} gives the name of an output (as the report wrote it) that lies in the output folder, else null.
	 */
	public static Map<String, String> madeBy(final List<String> report, final java.util.function.Function<String, String> inFolder) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final String line : report) {
			final List<String> f = fields(line);
			if (f.size() >= 4 && (f.get(1).equals("ok") || f.get(1).equals("skipped")) && !f.get(3).isEmpty()) {
				final String name = inFolder.apply(f.get(3));
				if (name != null) m.put(name, f.get(0));
			}
		}
		return m;
	}

	/** The whole report at once (a job whose rows come back together, as from a cluster), written atomically. */
	public static void writeReport(final Path output, final List<Row> rows) {
		OutputFile.writeString(output.resolve(REPORT), true, reportText(rows));
	}

	/** The report's text: the header and one CSV line per row. */
	public static String reportText(final List<Row> rows) {
		final StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (final Row r : rows) sb.append(line(r)).append('\n');
		return sb.toString();
	}

	/** The fields of one CSV line as {@link #csv} writes them. */
	private static List<String> fields(final String line) {
		final List<String> out = new ArrayList<>();
		final StringBuilder f = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			final char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					f.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else f.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(f.toString());
				f.setLength(0);
			}
			else f.append(c);
		}
		out.add(f.toString());
		return out;
	}

	private static void add(final List<Row> rows, final Path report, final Row r) {
		rows.add(r);
		OutputFile.appendLine(report, line(r));
	}

	private static String line(final Row r) {
		return String.join(",", csv(r.file()), r.status(), String.format(Locale.ROOT, "%.2f", r.seconds()), csv(r.output()), csv(r.error()));
	}

	/**
	 * The files to enhance: regular, not hidden, matching the glob, sorted. When the output folder is the input
	 * folder, this batch's own outputs and report are left out, so a rerun does not enhance them again ({@code output} null: elsewhere).
	 */
	public static List<Path> inputs(final Path input, final String pattern, final Path output) {
		final PathMatcher match = pattern(pattern);
		final boolean same = sameFolder(input, output);
		try (Stream<Path> s = Files.list(input)) {
			return s.filter(p -> Files.isRegularFile(p) && isInput(p.getFileName().toString(), match, same)).sorted().toList();
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			throw new TileSRException(input, "cannot list (" + TileSRException.why(e) + ")", e);
		}
	}

	/** The --pattern glob (blank: every file), or one line saying why it is not one. */
	public static PathMatcher pattern(final String pattern) {
		try {
			return FileSystems.getDefault().getPathMatcher("glob:" + (pattern == null || pattern.isBlank() ? "*" : pattern));
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("--pattern", "'" + pattern + "' is not a file pattern (" + e.getMessage().lines().findFirst().orElse("") + ")");
		}
	}

	/**
	 * Whether a file of the input folder, by its name, is an input: matching, not hidden, and when the output folder
	 * is the input folder ({@code sameFolder}), not one of this batch's own outputs or its report.
	 */
	public static boolean isInput(final String name, final PathMatcher match, final boolean sameFolder) {
		return match.matches(Path.of(name)) && !name.startsWith(".") && !(sameFolder && (name.endsWith(SUFFIX) || name.equals(REPORT)));
	}

	private static boolean sameFolder(final Path a, final Path b) {
		if (b == null) return false;
		try {
			return Files.isDirectory(b) ? Files.isSameFile(a, b) : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
		catch (final IOException e) {
			return false;
		}
	}

	/**
	 * Each input's output: {@code <name>_tilesr.tif}, or {@code <name>_<ext>_tilesr.tif} for inputs whose names
	 * differ only in the extension (compared ignoring case), so no input's output is taken for another's.
	 */
	static List<String> outputs(final List<String> names) {
		final Map<String, Integer> stems = new HashMap<>();
		for (final String n : names)
			stems.merge(stem(n).toLowerCase(Locale.ROOT), 1, Integer::sum);
		final List<String> out = new ArrayList<>();
		final Set<String> used = new HashSet<>();
		for (final String name : names) {
			final String first = stems.get(stem(name).toLowerCase(Locale.ROOT)) > 1 ? name.replace('.', '_') : stem(name);
			String base = first;
			for (int k = 2; !used.add((base + SUFFIX).toLowerCase(Locale.ROOT)); k++)
				base = first + "_" + k;
			out.add(base + SUFFIX);
		}
		return out;
	}

	private static String stem(final String name) {
		return name.replaceFirst("\\.[^.]*$", "");
	}

	private static String csv(final String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
	}

	public static long failures(final List<Row> rows) {
		return rows.stream().filter(r -> r.status().equals("failed")).count();
	}

	/** The closing line of a batch, the same in every entry point: counts and where the report is. */
	public static String summary(final List<Row> rows, final Path output) {
		return summary(rows, output.resolve(REPORT).toString());
	}

	/** As above, with the report's location written out (a URI on a cluster's file system). */
	public static String summary(final List<Row> rows, final String report) {
		final long ok = rows.stream().filter(r -> r.status().equals("ok")).count();
		final long skipped = rows.stream().filter(r -> r.status().equals("skipped")).count();
		return ok + " enhanced, " + skipped + " skipped (done before), " + failures(rows) + " failed; report: " + report;
	}

	/** Refuses a missing input folder, or an output that is a file, before any model is loaded. */
	public static void checkFolders(final Path input, final Path output) {
		if (!Files.isDirectory(input)) throw new TileSRException(input, Files.exists(input) ? "is not a folder" : "no such folder");
		if (Files.exists(output) && !Files.isDirectory(output)) throw new TileSRException(output, "is a file, not a folder");
	}
}
