package org.tilesr.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
		if (Files.isRegularFile(p) && manifest(p)) return manifest(p, output);
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

	private static boolean manifest(final Path p) {
		final String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".txt") || n.endsWith(".lst") || n.endsWith(".manifest");
	}

	private static List<Path> manifest(final Path m, final Path output) {
		final List<Path> files = new ArrayList<>();
		final Path base = m.toAbsolutePath().getParent();
		try (Stream<String> lines = Files.lines(m)) {
			int n = 0;
			for (final String raw : (Iterable<String>) lines::iterator) {
				n++;
				final String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) continue;
				final Path f = base.resolve(path(line));
				if (!Files.isRegularFile(f)) throw new TileSRException(m, "line " + n + ": " + line + " is not a file");
				files.add(f.normalize());
			}
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			throw new TileSRException(m, "cannot read the manifest (" + TileSRException.why(e) + ")", e);
		}
		if (files.isEmpty()) throw new TileSRException(m, "lists no file");
		return files;
	}
}
