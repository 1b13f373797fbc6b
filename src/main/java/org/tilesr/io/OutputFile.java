package org.tilesr.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.tilesr.TileSRException;

/**
 * How every output is written: into a temporary file beside the target, renamed into place when complete (one
 * atomic rename in the same folder), so no half-written file is ever visible; an existing target only replaced
 * when asked.
 */
public final class OutputFile {

	private OutputFile() {}

	/** Refuses to go on when the output exists and overwriting was not asked for. */
	public static void checkWritable(final Path out, final boolean overwrite) {
		if (Files.exists(out) && !overwrite)
			throw new TileSRException(out, "already exists (pass --overwrite to replace it)");
		if (Files.isDirectory(out)) throw new TileSRException(out, "is a folder, not a file");
	}

	/**
	 * A new, empty temporary file beside {@code out} (its folder is made if needed), with the mode the process umask
	 * gives new files (0644 under 022, 0640 under 027), which the rename keeps. Not {@code Files.createTempFile}: that
	 * makes every file 0600 whatever the umask.
	 */
	public static Path temp(final Path out, final String suffix) {
		final Path dir = out.toAbsolutePath().getParent();
		try {
			Files.createDirectories(dir);
			for (int attempt = 0;; attempt++) {
				final Path tmp = dir.resolve("." + out.getFileName() + "." + HOST + "." + PID + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
				try {
					return Files.createFile(tmp);
				}
				catch (final java.nio.file.FileAlreadyExistsException e) {
					if (attempt > 100) throw e;
				}
			}
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot write (" + TileSRException.why(e) + ")", e);
		}
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
	private static final long PID = ProcessHandle.current().pid();
	/** This machine's name as temporary file names carry it (process ids are only known on their own machine). */
	public static final String HOST = host();
	/** {@code .<output name>.<host>.<pid>-<random><suffix>}: the temporary files {@link #temp} makes. */
	private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\.(.+)\\.([A-Za-z0-9-]+)\\.(\\d+)-[0-9a-z]+(\\.cog)?\\.tmp");

	private static String host() {
		String h = null;
		try {
			h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(); // Linux: the container's own name
		}
		catch (final IOException | RuntimeException e) {
			try {
				h = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (final IOException | RuntimeException e2) {
				h = "host";
			}
		}
		h = h.replaceAll("[^A-Za-z0-9-]", "-");
		return h.isEmpty() ? "host" : h.length() > 40 ? h.substring(0, 40) : h;
	}

	/**
	 * Removes temporary files left in {@code dir} by a TileSR process of this machine that no longer runs (killed
	 * mid-write); those of running processes, this one included, and of other machines sharing the folder are kept.
	 * With {@code output} given, only that output's. Returns how many.
	 */
	public static int removeStale(final Path dir, final Path output) {
		int n = 0;
		if (!Files.isDirectory(dir)) return 0;
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			for (final Path p : (Iterable<Path>) s::iterator) {
				final java.util.regex.Matcher m = TEMP.matcher(p.getFileName().toString());
				if (!m.matches() || !m.group(2).equals(HOST) || output != null && !m.group(1).equals(output.getFileName().toString())) continue;
				final long pid;
				try {
					pid = Long.parseLong(m.group(3));
				}
				catch (final NumberFormatException e) {
					continue;
				}
				if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.isRegularFile(p)) continue;
				if (Files.deleteIfExists(p)) n++;
			}
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			// best effort: a folder we cannot list has nothing we could remove
		}
		return n;
	}

	/** Refuses an output that is the input itself. */
	public static void checkNotInput(final Path input, final Path out) {
		boolean same = input.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
		try {
			same |= Files.exists(out) && Files.isSameFile(input, out);
		}
		catch (final IOException e) {
			// cannot tell: the paths differ
		}
		if (same) throw new TileSRException(out, "is the input file; choose another output");
	}

	/**
	 * Appends one line to a text file in a single write and forces it to disk, so a killed process leaves whole lines.
	 */
	public static void appendLine(final Path file, final String line) {
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE,
			java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE))
		{
			final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			while (b.hasRemaining())
				ch.write(b);
			ch.force(false);
		}
		catch (final IOException e) {
			throw new TileSRException(file, "cannot write (" + TileSRException.why(e) + ")", e);
		}
	}

	/** Renames the finished temporary file to {@code out}, checking again that it may. */
	public static void publish(final Path tmp, final Path out, final boolean overwrite) {
		checkWritable(out, overwrite);
		try {
			Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot rename the finished file into place (" + TileSRException.why(e) + ")", e);
		}
	}

	/** Writes the content of an output. */
	@FunctionalInterface
	public interface Content {
		void write(java.io.OutputStream out) throws IOException;
	}

	/**
	 * Writes {@code out} whole: into a temporary file, renamed into place when complete; the temporary file is removed
	 * when writing fails. A failure is one error naming {@code out}.
	 */
	public static void write(final Path out, final boolean overwrite, final Content content) {
		final Path tmp = temp(out, ".tmp");
		try {
			try (java.io.OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
				content.write(os);
			}
			publish(tmp, out, overwrite);
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot write it (" + TileSRException.why(e) + ")", e);
		}
		finally {
			discard(tmp);
		}
	}

	/** {@link #write} of a UTF-8 text. */
	public static void writeString(final Path out, final boolean overwrite, final CharSequence text) {
		write(out, overwrite, os -> os.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	/** Removes a temporary file that will not be published (best effort: its name is never the output's). */
	public static void discard(final Path tmp) {
		try {
			Files.deleteIfExists(tmp);
		}
		catch (final IOException e) {
			// nothing visible is lost
		}
	}
}
