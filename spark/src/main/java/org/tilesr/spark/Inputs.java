package org.tilesr.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.api.Batch;

/**
 * What a Spark batch reads: a folder (its files matching the pattern, as {@code tilesr batch} takes them), a glob in
 * the last part of a path ({@code /archive/2024/*.tif}), or a manifest: a {@code .txt}, {@code .lst} or
 * {@code .manifest} file with one path per line (blank lines and {@code #} comments skipped; relative paths are
 * relative to the manifest). Paths are local or on a file system every executor mounts at the same place (NFS,
 * Lustre, GPFS, a cloud bucket mounted by FUSE); {@code file:} URIs are paths. URIs of a cluster file system
 * ({@code hdfs:}, {@code s3a:}, ...) are listed by {@link HadoopFiles}.
 */
final class Inputs {

	private Inputs() {}

	static List<Path> resolve(final String in, final String pattern, final Path output) {
		final Path p = path(in);
		if (Files.isDirectory(p)) return Batch.inputs(p, pattern, output);
		if (Files.isRegularFile(p) && manifest(p.getFileName().toString())) return manifest(p, output);
		final Path dir = p.toAbsolutePath().getParent();
		final String glob = p.getFileName() == null ? "" : p.getFileName().toString();
		if (dir == null || !Files.isDirectory(dir) || !glob.matches(".*[*?\\[{].*"))
			throw new TileSRException(in, Files.exists(p) ? "is neither a folder, a glob nor a manifest (.txt, .lst, .manifest)" : "no such folder, file or glob");
		final List<Path> files = Batch.inputs(dir, glob, output);
		if (files.isEmpty()) throw new TileSRException(in, "matches no file");
		return files;
	}

	/** Fails in one line when IN is neither a file nor a folder nor a glob in an existing folder. */
	static void check(final String in) {
		if (HadoopFiles.is(in)) return; // listed once the job's Hadoop configuration is there
		final Path p = path(in);
		if (Files.exists(p)) return;
		final Path dir = p.toAbsolutePath().getParent();
		final String last = p.getFileName() == null ? "" : p.getFileName().toString();
		if (dir == null || !Files.isDirectory(dir) || !last.matches(".*[*?\\[{].*")) throw new TileSRException(in, "no such folder, file or glob");
	}

	/** A local path from a path or a {@code file:} URI (URIs of cluster file systems are {@link HadoopFiles}'). */
	static Path path(final String s) {
		if (HadoopFiles.is(s)) throw new TileSRException(s, "a local manifest lists local files; put the manifest on " + URI.create(s).getScheme()
			+ ": too, beside the files it lists");
		if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !s.matches("^[A-Za-z]:[\\\\/].*")) return Path.of(URI.create(s));
		return Path.of(s);
	}

	/** Whether a file, by its name, is a manifest: .txt, .lst or .manifest. */
	static boolean manifest(final String name) {
		final String n = name.toLowerCase(Locale.ROOT);
		return n.endsWith(".txt") || n.endsWith(".lst") || n.endsWith(".manifest");
	}

	/** One path of a manifest, with its line number. */
	record Entry(int line, String text) {}

	/** A manifest's paths: its lines stripped, blank lines and {@code #} comments left out. */
	static List<Entry> entries(final List<String> lines) {
		final List<Entry> out = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			final String line = lines.get(i).strip();
			if (!line.isEmpty() && !line.startsWith("#")) out.add(new Entry(i + 1, line));
		}
		return out;
	}

	private static List<Path> manifest(final Path m, final Path output) {
		final List<Path> files = new ArrayList<>();
		final Path base = m.toAbsolutePath().getParent();
		final List<String> lines;
		try {
			lines = Files.readAllLines(m);
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			throw new TileSRException(m, "cannot read the manifest (" + TileSRException.why(e) + ")", e);
		}
		for (final Entry e : entries(lines)) {
			final Path f = base.resolve(path(e.text()));
			if (!Files.isRegularFile(f)) throw new TileSRException(m, "line " + e.line() + ": " + e.text() + " is not a file");
			files.add(f.normalize());
		}
		if (files.isEmpty()) throw new TileSRException(m, "lists no file");
		return files;
	}
}
