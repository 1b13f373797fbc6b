package org.tilesr.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tilesr.TileSRException;
import org.tilesr.api.Batch;

/**
 * Inputs and outputs given as URIs of a Hadoop file system ({@code hdfs:}, {@code s3a:}, {@code abfs:}, ...: those the
 * cluster's Hadoop configuration has). The driver lists, names and reports through it; an executor copies an input
 * (with its sidecar files) to its local disk, runs the engine there, and uploads the output as a temporary file that
 * is renamed once complete. Local paths and {@code file:} URIs never come here: they stay plain files.
 */
final class HadoopFiles {

	/** Files beside an input that readers use: GDAL's .aux.xml, overviews and masks, world files, projections. */
	private static final List<String> SIDECARS_OF_NAME = List.of(".aux.xml", ".ovr", ".msk");
	private static final List<String> SIDECARS_OF_STEM = List.of(".tfw", ".tifw", ".wld", ".prj", ".rpb", ".imd");

	private HadoopFiles() {}

	/** Whether {@code s} is a URI of a file system other than the local one (a scheme, not {@code file:}, not a drive letter). */
	static boolean is(final String s) {
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):.*").matcher(s);
		return m.matches() && m.group(1).length() > 1 && !m.group(1).equalsIgnoreCase("file");
	}

	/** The Hadoop configuration as plain entries, to rebuild it on executors exactly as the driver has it. */
	static Map<String, String> entries(final Configuration conf) {
		final Map<String, String> m = new HashMap<>();
		for (final Map.Entry<String, String> e : conf) m.put(e.getKey(), e.getValue());
		return m;
	}

	static Configuration configuration(final Map<String, String> entries) {
		final Configuration c = new Configuration(false);
		entries.forEach(c::set);
		return c;
	}

	static String name(final String uri) {
		return new Path(uri).getName();
	}

	/** The file name of a job's file, whether a local path or a URI of a cluster file system. */
	static String fileName(final String file) {
		return is(file) ? name(file) : java.nio.file.Path.of(file).getFileName().toString();
	}

	/** The inputs of a job: a folder's files matching the pattern, a glob, or a manifest's lines; sorted URIs. */
	static List<String> inputs(final String in, final String pattern, final String output, final Configuration conf) {
		final Path p = new Path(in);
		try {
			final FileSystem fs = p.getFileSystem(conf);
			final FileStatus st = fs.exists(p) ? fs.getFileStatus(p) : null;
			final List<String> files = new ArrayList<>();
			if (st != null && st.isDirectory()) {
				final PathMatcher match = Batch.pattern(pattern);
				final boolean same = output != null && fs.makeQualified(p).equals(qualified(output, conf));
				for (final FileStatus f : fs.listStatus(p))
					if (f.isFile() && Batch.isInput(f.getPath().getName(), match, same)) files.add(f.getPath().toString());
			}
			else if (st != null && st.isFile() && Inputs.manifest(p.getName())) {
				for (final Inputs.Entry e : Inputs.entries(lines(fs, p))) {
					final Path f = new Path(p.getParent(), e.text());
					final FileSystem ffs = f.getFileSystem(conf);
					if (!ffs.isFile(f)) throw new TileSRException(in, "line " + e.line() + ": " + e.text() + " is not a file");
					files.add(ffs.makeQualified(f).toString());
				}
				if (files.isEmpty()) throw new TileSRException(in, "lists no file");
				return files; // a manifest's order is the user's
			}
			else if (st == null && p.getName().matches(".*[*?\\[{].*")) {
				final FileStatus[] g = fs.globStatus(p);
				if (g != null) for (final FileStatus f : g) if (f.isFile()) files.add(f.getPath().toString());
				if (files.isEmpty()) throw new TileSRException(in, "matches no file");
			}
			else throw new TileSRException(in, st != null ? "is neither a folder, a glob nor a manifest (.txt, .lst, .manifest)" : "no such folder, file or glob");
			files.sort(null);
			return files;
		}
		catch (final IOException | IllegalArgumentException e) {
			throw new TileSRException(in, "cannot list (" + TileSRException.why(e) + ")", e);
		}
	}

	private static Path qualified(final String uri, final Configuration conf) throws IOException {
		final Path p = new Path(uri);
		return p.getFileSystem(conf).makeQualified(p);
	}

	/** The output folder: makes it, and answers what it holds (names, the earlier report) and takes the new report. */
	static final class Folder {

		private final Path dir;
		private final FileSystem fs;

		Folder(final String uri, final Configuration conf) {
			try {
				final Path p = new Path(uri);
				fs = p.getFileSystem(conf);
				dir = fs.makeQualified(p);
				if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) throw new TileSRException(uri, "is a file, not a folder");
			}
			catch (final IOException | IllegalArgumentException e) {
				throw new TileSRException(uri, "cannot open (" + TileSRException.why(e) + ")", e);
			}
		}

		String uri() {
			return dir.toString();
		}

		String resolve(final String name) {
			return new Path(dir, name).toString();
		}

		void create() {
			try {
				fs.mkdirs(dir);
			}
			catch (final IOException e) {
				throw new TileSRException(uri(), "cannot create the folder (" + TileSRException.why(e) + ")", e);
			}
		}

		java.util.Set<String> names() {
			final java.util.Set<String> s = new java.util.HashSet<>();
			try {
				if (fs.exists(dir)) for (final FileStatus f : fs.listStatus(dir)) s.add(f.getPath().getName());
			}
			catch (final IOException e) {
				throw new TileSRException(uri(), "cannot list (" + TileSRException.why(e) + ")", e);
			}
			return s;
		}

		/** The earlier report's lines (none if there is none). */
		List<String> report() {
			final Path r = new Path(dir, Batch.REPORT);
			try {
				return fs.isFile(r) ? lines(fs, r) : List.of();
			}
			catch (final IOException e) {
				return List.of(); // no readable earlier report to go by
			}
		}

		/** An output's name if the report's output column names one in this folder, else null. */
		String nameInFolder(final String output) {
			try {
				final Path p = new Path(output);
				return p.getParent() != null && fs.makeQualified(p.getParent()).equals(dir) ? p.getName() : null;
			}
			catch (final RuntimeException e) {
				return null;
			}
		}

		void writeReport(final List<Batch.Row> rows) {
			upload(new Path(dir, Batch.REPORT), true, "report", os -> os.write(Batch.reportText(rows).getBytes(StandardCharsets.UTF_8)), fs);
		}

		/**
		 * Removes temporary files of this job ({@code tag}) and of jobs whose temporaries are older than a day (their
		 * writer is gone: an upload takes minutes); returns how many.
		 */
		int removeStale(final String tag) {
			int n = 0;
			final long old = System.currentTimeMillis() - 24 * 3600_000L;
			try {
				if (!fs.exists(dir)) return 0;
				for (final FileStatus f : fs.listStatus(dir)) {
					final java.util.regex.Matcher m = TEMP.matcher(f.getPath().getName());
					if (m.matches() && f.isFile() && (m.group(2).equals(tag) || f.getModificationTime() < old) && fs.delete(f.getPath(), false)) n++;
				}
			}
			catch (final IOException e) {
				// best effort: what cannot be listed or removed stays
			}
			return n;
		}
	}

	/** {@code .<name>.<job tag>-<random>.tmp}: the temporary files uploads make beside their output. */
	private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\.(.+)\\.(tilesr-[A-Za-z0-9-]+)-[0-9a-z]+\\.tmp");
	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** The job's mark in its temporary files' names, from Spark's application id. */
	static String tag(final String applicationId) {
		return "tilesr-" + applicationId.replaceAll("[^A-Za-z0-9-]", "-");
	}

	static boolean exists(final String uri, final Configuration conf) {
		final Path p = new Path(uri);
		try {
			return p.getFileSystem(conf).exists(p);
		}
		catch (final IOException e) {
			throw new TileSRException(uri, "cannot read (" + TileSRException.why(e) + ")", e);
		}
	}

	/** The file's length in bytes (1 when it cannot be read: the job then fails on the executor, in its row). */
	static long size(final String uri, final Configuration conf) {
		final Path p = new Path(uri);
		try {
			return Math.max(1, p.getFileSystem(conf).getFileStatus(p).getLen());
		}
		catch (final IOException e) {
			return 1;
		}
	}

	/** Copies the input and its sidecar files into {@code dir}; returns the local copy of the input. */
	static java.nio.file.Path download(final String uri, final java.nio.file.Path dir, final Configuration conf) {
		final Path p = new Path(uri);
		final String name = p.getName(), stem = name.replaceFirst("\\.[^.]*$", "");
		try {
			final FileSystem fs = p.getFileSystem(conf);
			final java.nio.file.Path local = dir.resolve(name);
			copy(fs, p, local);
			final List<String> sidecars = new ArrayList<>();
			for (final String s : SIDECARS_OF_NAME) sidecars.add(name + s);
			for (final String s : SIDECARS_OF_STEM) sidecars.add(stem + s);
			final FileStatus[] found = fs.globStatus(new Path(p.getParent(), "{" + String.join(",", sidecars.stream().map(HadoopFiles::globQuote).toList()) + "}"));
			if (found != null) for (final FileStatus f : found) if (f.isFile()) copy(fs, f.getPath(), dir.resolve(f.getPath().getName()));
			return local;
		}
		catch (final IOException | IllegalArgumentException e) {
			throw new TileSRException(uri, "cannot read (" + TileSRException.why(e) + ")", e);
		}
	}

	private static String globQuote(final String s) {
		return s.replaceAll("([\\\\*?\\[\\]{},])", "\\\\$1");
	}

	private static void copy(final FileSystem fs, final Path from, final java.nio.file.Path to) throws IOException {
		try (InputStream in = fs.open(from)) {
			Files.copy(in, to);
		}
	}

	/** Uploads a finished local output to {@code uri}: written in full to a temporary file beside it, then renamed. */
	static void upload(final java.nio.file.Path local, final String uri, final boolean overwrite, final String tag, final Configuration conf) {
		final Path p = new Path(uri);
		try {
			upload(p, overwrite, tag, os -> Files.copy(local, os), p.getFileSystem(conf));
		}
		catch (final IOException e) {
			throw new TileSRException(uri, "cannot write (" + TileSRException.why(e) + ")", e);
		}
	}

	private interface Writer {
		void write(OutputStream os) throws IOException;
	}

	private static void upload(final Path out, final boolean overwrite, final String tag, final Writer w, final FileSystem fs) {
		final Path tmp = new Path(out.getParent(), "." + out.getName() + "." + tag + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
		try {
			try (OutputStream os = fs.create(tmp, false)) {
				w.write(os);
			}
			if (fs.exists(out)) {
				if (!overwrite) throw new TileSRException(out.toString(), "exists; give --overwrite to replace it");
				fs.delete(out, false);
			}
			if (!fs.rename(tmp, out)) throw new IOException("renaming " + tmp.getName() + " to " + out.getName() + " failed");
		}
		catch (final IOException e) {
			discard(fs, tmp);
			throw new TileSRException(out.toString(), "cannot write (" + TileSRException.why(e) + ")", e);
		}
		catch (final RuntimeException e) {
			discard(fs, tmp);
			throw e;
		}
	}

	private static void discard(final FileSystem fs, final Path tmp) {
		try {
			fs.delete(tmp, false);
		}
		catch (final IOException e) {
			// the job's end removes it
		}
	}

	private static List<String> lines(final FileSystem fs, final Path p) throws IOException {
		try (InputStream in = fs.open(p)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}
}
