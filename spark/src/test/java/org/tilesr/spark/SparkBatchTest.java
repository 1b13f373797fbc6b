package org.tilesr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.api.Batch;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.cli.Args;
import org.tilesr.cli.EnhanceCommand;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCatalog;

/**
 * The Spark runner in {@code local[2]} over real files: outputs byte-identical to {@code tilesr batch}'s engine on
 * the same files, one report row per file, a damaged file recorded as failed while the others finish, a rerun that
 * skips finished files, and partitions balanced by pixels.
 */
class SparkBatchTest {

	private static JavaSparkContext sc;

	@BeforeAll
	static void start() {
		sc = SparkTestData.local("SparkBatchTest");
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.close();
	}

	@Test
	void sameOutputsAsBatchReportFailuresAndResume(@TempDir final Path tmp) throws IOException {
		final Path models = SparkTestData.models();
		final Path in = SparkTestData.inputs(tmp.resolve("in"));
		final Path bad = in.resolve("damaged.tif");
		final byte[] whole = Files.readAllBytes(SparkTestData.sampleTiff());
		Files.write(bad, java.util.Arrays.copyOf(whole, whole.length / 3)); // a download cut short
		final List<String> engine = List.of("--model", "esrgan-thick-x2", "--device", "cpu", "--models", models.toString());

		// tilesr batch's engine on the same files
		final Path ref = tmp.resolve("batch");
		final Args ba = new Args(engine.subList(0, 4), EnhanceCommand.FLAGS);
		final EnhanceSettings s = EnhanceCommand.settings(ba);
		final List<Batch.Row> batchRows;
		try (Enhancer e = Enhancer.open(s, new ModelCatalog(List.of(models)), Progress.NONE)) {
			batchRows = Batch.run(e, in, "*", ref, false, Progress.NONE, new Cancel());
		}

		final Path out = tmp.resolve("spark");
		final SparkBatch.Result r = run(in, out, engine);
		final List<Path> inputs = Batch.inputs(in, "*", out);
		assertEquals(inputs.size(), r.rows().size(), "one row per input");
		assertEquals(batchRows.stream().map(Batch.Row::file).toList(), r.rows().stream().map(Batch.Row::file).toList());
		int ok = 0;
		for (final Batch.Row row : r.rows()) {
			if (row.file().equals("damaged.tif")) {
				assertEquals("failed", row.status(), row.toString());
				assertTrue(row.error().contains("damaged.tif"), "the reason names the file: " + row.error());
				continue;
			}
			assertEquals("ok", row.status(), row.toString());
			final Path o = Path.of(row.output());
			assertEquals(out, o.getParent());
			assertArrayEquals(withoutTimestamps(ref.resolve(o.getFileName())), withoutTimestamps(o), o.getFileName() + " differs from tilesr batch's");
			ok++;
		}
		assertTrue(ok >= 2, "at least two real files enhanced");
		final List<String> report = Files.readAllLines(out.resolve(Batch.REPORT), StandardCharsets.UTF_8);
		assertEquals("file,status,seconds,output,error", report.get(0));
		assertEquals(inputs.size() + 1, report.size());
		assertNoTemporaryFiles(out);

		// a rerun skips what is done and tries the damaged file again; finished outputs are not rewritten
		final Map<Path, FileTime> before = mtimes(out);
		final SparkBatch.Result again = run(in, out, engine);
		for (final Batch.Row row : again.rows())
			assertEquals(row.file().equals("damaged.tif") ? "failed" : "skipped", row.status(), row.toString());
		before.forEach((f, t) -> assertEquals(t, mtimes(out).get(f), f + " rewritten"));
	}

	@Test
	void partitionsBalancePixelsNotFiles() {
		final List<Job> jobs = new ArrayList<>();
		jobs.add(new Job(0, "big", "o0", 1000));
		for (int i = 1; i <= 10; i++) jobs.add(new Job(i, "small" + i, "o" + i, 100));
		final List<List<Job>> bins = Balance.split(jobs, 2);
		assertEquals(2, bins.size());
		assertEquals(List.of(1000L, 1000L), bins.stream().map(Balance::work).sorted().toList(), "the big file alone against the ten small ones");
		assertEquals(1, Balance.split(jobs.subList(0, 1), 8).size(), "never more partitions than files");
	}

	@Test
	void executorsGetTheShippedModelById() {
		final Args a = new Args(List.of("in", "out", "--model", "/some/folder/card", "--tile=64", "--scale", "4", "--overwrite", "--alpha", "0.5",
			"--partitions", "3", "--models", "/m"), EnhanceCommand.FLAGS);
		assertEquals(List.of("--tile=64", "--alpha", "0.5", "--model", "satellite-x4", "--blend-with", "esrgan-thick-x4"),
			SparkBatch.executorOptions(a, "satellite-x4", "esrgan-thick-x4"));
	}

	@Test
	void badInputIsOneLine(@TempDir final Path tmp) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int rc = SparkBatch.main(List.of(tmp.resolve("nothing-here").toString(), tmp.resolve("out").toString(), "--master", "local[1]"),
			new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(1, rc);
		final String e = err.toString(StandardCharsets.UTF_8).strip();
		assertTrue(e.startsWith("tilesr: ") && e.contains("nothing-here") && e.contains("no such folder"), e);
		assertFalse(Files.exists(tmp.resolve("out")), "no output folder for a job that never started");
	}

	private static SparkBatch.Result run(final Path in, final Path out, final List<String> engine) {
		final List<String> args = new ArrayList<>(List.of(in.toString(), out.toString()));
		args.addAll(engine);
		return SparkBatch.run(sc, new Args(args, EnhanceCommand.FLAGS), System.err);
	}

	/**
	 * The file's bytes with provenance timestamps (tilesr.created, ISO-8601 to the second; as ASCII in TIFF tags or
	 * UTF-16 in ImageJ's info) blanked, each character kept in place: everything else must be equal.
	 */
	static byte[] withoutTimestamps(final Path f) throws IOException {
		return withoutTimestamps(Files.readAllBytes(f), f.toString());
	}

	static byte[] withoutTimestamps(final byte[] bytes, final String f) {
		final String s = new String(bytes, StandardCharsets.ISO_8859_1);
		final String c = "\u0000?";
		final String d = c + "\\d";
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(d + d + d + d + c + "-" + d + d + c + "-" + d + d + c + "T" + d + d + c + ":"
			+ d + d + c + ":" + d + d + c + "Z").matcher(s);
		final StringBuilder out = new StringBuilder();
		int n = 0;
		while (m.find()) {
			m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group().replaceAll("[^\u0000]", "X")));
			n++;
		}
		m.appendTail(out);
		assertTrue(n > 0, f + " has no provenance timestamp");
		return out.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	static void assertNoTemporaryFiles(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			final List<Path> hidden = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
			assertTrue(hidden.isEmpty(), "temporary files left: " + hidden);
		}
	}

	private static Map<Path, FileTime> mtimes(final Path dir) {
		final Map<Path, FileTime> m = new HashMap<>();
		try (Stream<Path> s = Files.list(dir)) {
			for (final Path p : (Iterable<Path>) s::iterator)
				if (p.getFileName().toString().endsWith(Batch.SUFFIX)) m.put(p, Files.getLastModifiedTime(p));
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return m;
	}
}
