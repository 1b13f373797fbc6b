package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Hosts;
import org.tilesr.TestData;
import org.tilesr.api.Batch;

/**
 * Faults of a batch run by {@code ./tilesr} in its own JVM: kill -9 in the middle and a rerun, SIGTERM, an output
 * file larger than the process may write (ulimit -f). Nothing finished is lost, nothing half-written stays.
 */
class BatchFaultsIT {

	@TempDir
	Path tmp;

	private static final Path L7 = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif");
	private static final String MODEL = "esrgan-thick-x2";

	/** Three 6-band GeoTIFF crops of the Landsat sample (GeoTIFFs stream: their outputs are written while computed). */
	private Path inputs() throws Exception {
		final Path gdalTranslate = Hosts.program("/usr/bin/gdal_translate", "gdal-bin");
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final String[] names = { "a.tif", "b.tif", "c.tif" };
		for (int i = 0; i < 3; i++) {
			final Hosts.Result r = Hosts.run(tmp, Map.of(), null, 60, gdalTranslate.toString(), "-q", "-srcwin", String.valueOf(100 * i), "50",
				"120", "96", L7.toString(), in.resolve(names[i]).toString());
			assertEquals(0, r.status(), r.output());
		}
		return in;
	}

	private Process start(final Path in, final Path out) throws IOException {
		return new ProcessBuilder(TestData.root().resolve("tilesr").toString(), "batch", in.toString(), out.toString(), "--model", MODEL)
			.directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("batch.log").toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
	}

	/** Waits until the first output is finished and the second one is being written (its temporary file exists). */
	private static void awaitSecondFile(final Path out, final Process p) throws Exception {
		final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (!(Files.exists(out.resolve("a_tilesr.tif")) && hidden(out).stream().anyMatch(n -> n.startsWith(".b_tilesr.tif.")))) {
			assertTrue(p.isAlive(), "the batch ended early");
			assertTrue(System.nanoTime() < end, "no second file after 300 s");
			Thread.sleep(20);
		}
	}

	private static List<String> hidden(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
		}
	}

	private static String[] statuses(final Path out) throws IOException {
		return Files.readAllLines(out.resolve(Batch.REPORT)).stream().skip(1).map(l -> l.split(",")[0] + ":" + l.split(",")[1])
			.toArray(String[]::new);
	}

	@Test
	void killedBatchResumesToTheSameOutputs() throws Exception {
		Hosts.importWeights();
		final Path in = inputs(), ref = tmp.resolve("ref"), out = tmp.resolve("out");
		final Hosts.Result whole = Hosts.run(tmp, Map.of(), null, 600, TestData.root().resolve("tilesr").toString(), "batch", in.toString(),
			ref.toString(), "--model", MODEL);
		assertEquals(0, whole.status(), whole.output());

		final Process p = start(in, out);
		awaitSecondFile(out, p);
		p.destroyForcibly(); // SIGKILL
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertArrayEquals(new String[] { "a.tif:ok" }, statuses(out), "the report has every file finished before the kill");
		assertFalse(hidden(out).isEmpty(), "the kill left the second file's temporary file");

		final Hosts.Result again = Hosts.run(tmp, Map.of(), null, 600, TestData.root().resolve("tilesr").toString(), "batch", in.toString(),
			out.toString(), "--model", MODEL);
		assertEquals(0, again.status(), again.output());
		assertTrue(again.output().contains("removed 1 temporary file(s)"), again.output());
		assertEquals(List.of(), hidden(out));
		assertArrayEquals(new String[] { "a.tif:skipped", "b.tif:ok", "c.tif:ok" }, statuses(out));
		for (final String n : new String[] { "a_tilesr.tif", "b_tilesr.tif", "c_tilesr.tif" })
			try (org.tilesr.io.TiffSource r = new org.tilesr.io.TiffSource(ref.resolve(n)); org.tilesr.io.TiffSource o = new org.tilesr.io.TiffSource(out.resolve(n))) {
				assertEquals(r.info(), o.info());
				final int w = r.info().width(), h = r.info().height();
				final float[] a = new float[w * h], b = new float[w * h];
				for (int band = 0; band < r.info().bands(); band++) {
					r.read(band, 0, 0, w, h, a);
					o.read(band, 0, 0, w, h, b);
					assertArrayEquals(a, b, n + " band " + (band + 1) + " differs from the uninterrupted run's");
				}
			}
	}

	@Test
	void sigtermStopsWithinSecondsAndKeepsTheReport() throws Exception {
		Hosts.importWeights();
		final Path in = inputs(), out = tmp.resolve("out");
		final Process p = start(in, out);
		awaitSecondFile(out, p);
		final long t0 = System.nanoTime();
		p.destroy(); // SIGTERM
		assertTrue(p.waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIGTERM");
		final double sec = (System.nanoTime() - t0) / 1e9;
		System.out.printf("SIGTERM: stopped after %.1f s%n", sec);
		assertArrayEquals(new String[] { "a.tif:ok", "b.tif:cancelled" }, statuses(out), Files.readString(tmp.resolve("batch.log")));
		assertEquals(List.of(), hidden(out), "no temporary file left");
		assertTrue(Files.exists(out.resolve("a_tilesr.tif")));
		assertFalse(Files.exists(out.resolve("b_tilesr.tif")));
	}

	/** Through each writer: GDAL (GeoTIFF), ImageJ (DICOM → TIFF); the process may write files of 20 KB at most. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "sample-data/landsat7-etm-6band/L7_ETMs.tif", "sample-data/mr-brain-pd/brain_010.dcm" })
	void anOutputLargerThanTheProcessMayWriteIsOneLineAndNoFile(final String input) throws Exception {
		final Path src = TestData.root().resolve(input), out = tmp.resolve("big.tif");
		final Hosts.Result r = Hosts.run(tmp, Map.of(), null, 300, "sh", "-c", "ulimit -f 40 && exec \"$@\"", "sh",
			TestData.root().resolve("tilesr").toString(), "enhance", src.toString(), out.toString(), "--model", "nearest-x2");
		System.out.println(input + ": " + r.lines());
		assertEquals(1, r.status(), r.output());
		final List<String> lines = r.output().lines().filter(l -> l.startsWith("tilesr:")).toList();
		assertEquals(1, lines.size(), r.output());
		assertTrue(lines.get(0).contains(out.toString()), r.output());
		assertFalse(r.output().contains("\tat "), r.output());
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains("big.tif")).toList(), "nothing left");
		}
	}
}
