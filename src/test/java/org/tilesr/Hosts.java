package org.tilesr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For the host tests (*IT, run by Failsafe after {@code mvn package}): TileSR installed the way docs/fiji.md tells a
 * user ({@code ./tilesr import-weights}, the last step of {@code ./tilesr setup}, then {@code scripts/install-fiji.sh}),
 * and real launchers started as separate processes with nothing of TileSR's own on their command lines.
 */
public final class Hosts {

	private static boolean weights;

	private Hosts() {}

	/** A finished process: its exit status and everything it printed (stdout and stderr). */
	public record Result(int status, String output) {

		/** The printed lines, without libtorch's and SLF4J's start-up noise. */
		public String lines() {
			final StringBuilder sb = new StringBuilder();
			for (final String l : output.split("\n"))
				if (!l.startsWith("[W") && !l.startsWith("SLF4J:")) sb.append(l).append('\n');
			return sb.toString();
		}
	}

	/** The generic weights in the repository's models/, as after the README's {@code ./tilesr setup}. */
	public static synchronized void importWeights() throws Exception {
		if (weights) return;
		final Path root = TestData.root();
		if (!Files.isRegularFile(root.resolve("models/esrgan-thick-x4/weights.params"))
			|| !Files.isRegularFile(root.resolve("models/esrgan-thick-x2/weights.params")))
		{
			final Result r = run(root, Map.of(), null, 300, root.resolve("tilesr").toString(), "import-weights");
			assertEquals(0, r.status(), r.output());
		}
		weights = true;
	}

	/** {@code scripts/install-fiji.sh dest}, after the weights are there; returns {@code dest}. */
	public static Path install(final Path dest) throws Exception {
		importWeights();
		final Result r = run(TestData.root(), Map.of(), null, 120, "bash", TestData.root().resolve("scripts/install-fiji.sh").toString(),
			dest.toString());
		assertEquals(0, r.status(), r.output());
		assertTrue(Files.isRegularFile(dest.resolve("plugins/TileSR_.jar")), r.output());
		return dest;
	}

	/**
	 * Runs a command in {@code dir} with these extra environment variables, under {@code umask} when given (e.g.
	 * "027"); fails the test when it runs longer than {@code seconds}.
	 */
	public static Result run(final Path dir, final Map<String, String> env, final String umask, final int seconds, final String... command)
		throws IOException, InterruptedException
	{
		final List<String> cmd = new ArrayList<>();
		if (umask != null) cmd.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
		cmd.addAll(List.of(command));
		final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		pb.environment().putAll(env);
		final Path log = Files.createTempFile("host", ".log");
		pb.redirectOutput(log.toFile());
		final Process p = pb.start();
		try {
			if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " ran longer than " + seconds + " s:\n" + Files.readString(log));
			}
			return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/** A program on this machine (CI installs it), or the test is skipped on a machine without it. */
	public static Path program(final String path, final String what) {
		final Path p = Path.of(path);
		if (System.getenv("CI") != null) assertTrue(Files.isExecutable(p), "CI must install " + what);
		assumeTrue(Files.isExecutable(p), p + " is not installed (" + what + "): skipping a host test");
		return p;
	}

	/** A jar of this test JVM's class path whose file name starts with {@code prefix} (e.g. "ij-1."). */
	public static Path jar(final String prefix) {
		for (final String e : System.getProperty("java.class.path").split(File.pathSeparator))
			if (Path.of(e).getFileName().toString().startsWith(prefix) && e.endsWith(".jar")) return Path.of(e);
		throw new AssertionError("no " + prefix + "*.jar on the class path");
	}

	/** The file's permissions as ls shows them, e.g. rw-r-----. */
	public static String mode(final Path file) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
	}
}
