package org.tilesr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.api.Batch;

/**
 * A real standalone cluster on this machine: a master and a worker started from Spark's Maven jars, the shaded
 * target/tilesr-spark.jar submitted through spark-submit's own class ({@code org.apache.spark.deploy.SparkSubmit},
 * what the spark-submit script runs). The executor is killed (SIGKILL) mid-job: Spark runs its tasks again on a new
 * executor and every output must be complete and equal to {@code ./tilesr batch}'s on the same files.
 */
class SparkStandaloneIT {

	/** What Spark's launcher scripts (spark-submit, spark-class) give every JVM on JDK 17: spark/jdk17-opens.args. */
	static final List<String> OPENS = List.of("@" + SparkTestData.root().resolve("spark/jdk17-opens.args"));

	private final List<Process> cluster = new ArrayList<>();

	@AfterEach
	void stopCluster() {
		for (final Process p : cluster) p.descendants().forEach(ProcessHandle::destroyForcibly);
		for (final Process p : cluster) p.destroyForcibly();
	}

	@Test
	void submitKillAnExecutorAndFinish(@TempDir final Path tmp) throws Exception {
		final Path root = SparkTestData.root(), models = SparkTestData.models();
		final Path jar = Path.of(System.getProperty("tilesr.spark.jar"));
		final String cp = Files.readString(Path.of(System.getProperty("tilesr.spark.classpath"))).strip();
		final Path in = tmp.resolve("in");
		Files.createDirectories(in);
		for (int i = 0; i < 6; i++) Files.copy(root.resolve("sample-data/mr-brain-pd/brain_010.dcm"), in.resolve("slice_" + i + ".dcm"));

		// the reference: ./tilesr batch on the same files
		final Path ref = tmp.resolve("batch");
		final ProcessBuilder batch = new ProcessBuilder(root.resolve("tilesr").toString(), "batch", in.toString(), ref.toString(),
			"--model", "esrgan-thick-x2", "--device", "cpu").redirectErrorStream(true).redirectOutput(tmp.resolve("batch.log").toFile());
		batch.environment().put("TILESR_MODELS", models.toString());
		assertEquals(0, batch.start().waitFor(), Files.readString(tmp.resolve("batch.log")));

		// SPARK_HOME as a Spark distribution lays it out: jars/ (here links to the Maven jars)
		final Path home = tmp.resolve("spark-home");
		Files.createDirectories(home.resolve("jars"));
		for (final String j : cp.split(File.pathSeparator)) Files.createSymbolicLink(home.resolve("jars").resolve(Path.of(j).getFileName()), Path.of(j));
		final int port = freePort();
		final String master = "spark://127.0.0.1:" + port;
		start(home, tmp.resolve("master.log"), cp, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
			"--webui-port", Integer.toString(freePort()));
		waitFor(tmp.resolve("master.log"), "I have been elected leader", 60);
		start(home, tmp.resolve("worker.log"), cp, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "2",
			"--memory", "3g", "--webui-port", Integer.toString(freePort()), "--work-dir", tmp.resolve("work").toString());
		waitFor(tmp.resolve("worker.log"), "Successfully registered with master", 60);

		final Path out = tmp.resolve("spark");
		final List<String> submit = new ArrayList<>(List.of(java(), "-Xmx1g"));
		submit.addAll(OPENS);
		submit.addAll(List.of("-cp", cp, "org.apache.spark.deploy.SparkSubmit",
			"--master", master, "--class", "org.tilesr.spark.SparkBatch", "--executor-cores", "2", "--executor-memory", "1g",
			"--conf", "spark.executor.extraJavaOptions=-DDJL_CACHE_DIR=" + Path.of(System.getProperty("tilesr.cache")).resolve("djl"),
			jar.toString(), in.toString(), out.toString(), "--model", "esrgan-thick-x2", "--models", models.toString(), "--device", "cpu"));
		final Path log = tmp.resolve("submit.log");
		final ProcessBuilder pb = new ProcessBuilder(submit).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("SPARK_HOME", home.toString());
		final Process job = pb.start();
		cluster.add(job);

		// once the first output is there, kill -9 the executor in the middle of the next file
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (outputs(out) < 1 && job.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
		final List<ProcessHandle> executors = ProcessHandle.allProcesses()
			.filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("CoarseGrainedExecutorBackend")).orElse(false)).toList();
		assertEquals(1, executors.size(), "one executor running: " + Files.readString(log));
		assertTrue(outputs(out) < 6, "the kill lands mid-job");
		Thread.sleep(1500);
		executors.get(0).destroyForcibly();

		assertTrue(job.waitFor(300, TimeUnit.SECONDS), "job finished");
		final String text = Files.readString(log);
		assertEquals(0, job.exitValue(), text);
		assertTrue(text.contains("6 enhanced, 0 skipped") || text.matches("(?s).*\\d enhanced, \\d skipped \\(done before\\), 0 failed.*"), text);
		assertTrue(text.matches("(?s).*files per executor \\{.*executor 1=.*"), "a second executor took over: " + text);
		// every output complete and equal to tilesr batch's; no temporary files left
		for (int i = 0; i < 6; i++) {
			final String name = "slice_" + i + Batch.SUFFIX;
			assertArrayEquals(SparkBatchTest.withoutTimestamps(ref.resolve(name)), SparkBatchTest.withoutTimestamps(out.resolve(name)), name);
		}
		SparkBatchTest.assertNoTemporaryFiles(out);
		final List<String> report = Files.readAllLines(out.resolve(Batch.REPORT), StandardCharsets.UTF_8);
		assertEquals(7, report.size(), String.join("\n", report));
		assertTrue(report.stream().skip(1).allMatch(l -> l.contains(",ok,") || l.contains(",skipped,")), String.join("\n", report));
		System.err.println("kill test: " + text.lines().filter(l -> l.startsWith("tilesr") || l.contains("enhanced,") || l.contains("Lost executor")
			|| l.contains("lost")).reduce("", (a, b) -> a + "\n  " + b));
	}

	private void start(final Path home, final Path log, final String cp, final String main, final String... args) throws IOException {
		final List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
		cmd.addAll(OPENS);
		cmd.addAll(List.of("-cp", cp, main));
		cmd.addAll(List.of(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
		final Map<String, String> env = pb.environment();
		env.put("SPARK_HOME", home.toString());
		env.put("SPARK_SCALA_VERSION", "2.12");
		cluster.add(pb.start());
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void waitFor(final Path log, final String line, final int seconds) throws Exception {
		final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			if (Files.exists(log) && Files.readString(log).contains(line)) return;
			Thread.sleep(200);
		}
		throw new AssertionError("no '" + line + "' in " + log + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
	}

	private static long outputs(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return 0;
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(Batch.SUFFIX)).count();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}
}
