package org.tilesr.cli;

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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.api.Batch;

/** A batch loses no input and no output: name collisions, output folder = input folder, bad files, leftovers. */
class BatchSafetyTest {

	@TempDir
	Path tmp;

	@BeforeAll
	static void models() {
		TestModels.folder();
	}


	private static final Path DICOM = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");
	private static final Path TIFF = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif");

	private static List<String> names(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static List<String> report(final Path dir) throws IOException {
		return Files.readAllLines(dir.resolve(Batch.REPORT));
	}

	@Test
	void inputsThatShareANameGetTheirOwnOutputs() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		Files.copy(DICOM, in.resolve("a.dcm"));
		Files.copy(TIFF, in.resolve("a.tif"));
		Files.copy(TIFF, in.resolve("a.TIFF"));
		Files.copy(DICOM, in.resolve("b.dcm"));
		final Cli.Result r = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(0, r.status(), r.err());
		assertEquals(List.of("a_TIFF_tilesr.tif", "a_dcm_tilesr.tif", "a_tif_tilesr.tif", "b_tilesr.tif", Batch.REPORT), names(out));
		final List<String> rows = report(out);
		assertEquals(5, rows.size(), rows.toString());
		assertTrue(rows.stream().skip(1).allMatch(l -> l.split(",")[1].equals("ok")), rows.toString());
		final Cli.Result again = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(0, again.status(), again.err());
		assertTrue(report(out).stream().skip(1).allMatch(l -> l.split(",")[1].equals("skipped")), report(out).toString());
	}

	/** A file added later whose name maps to an existing output made from another input is enhanced, not skipped. */
	@Test
	void aLaterFileNeverTakesAnotherFilesOutput() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		Files.copy(TIFF, in.resolve("a.tif"));
		assertEquals(0, Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2").status());
		final byte[] first = Files.readAllBytes(out.resolve("a_tilesr.tif"));
		Files.copy(DICOM, in.resolve("a"));
		final Cli.Result r = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(0, r.status(), r.err());
		assertEquals(List.of("a:ok", "a.tif:skipped"), report(out).stream().skip(1).map(l -> l.split(",")[0] + ":" + l.split(",")[1]).toList());
		assertArrayEquals(first, Files.readAllBytes(out.resolve("a_tilesr.tif")), "a.tif's output is kept");
		assertTrue(report(out).get(1).contains("a_2_tilesr.tif"), report(out).toString());
		assertEquals(512, org.tilesr.Images.open(out.resolve("a_2_tilesr.tif")).getWidth());
		final Cli.Result again = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(List.of("a:skipped", "a.tif:skipped"), report(out).stream().skip(1).map(l -> l.split(",")[0] + ":" + l.split(",")[1]).toList(),
			again.err());
	}

	@Test
	void outputFolderSameAsInputStaysIdempotent() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("both"));
		Files.copy(DICOM, dir.resolve("x.dcm"));
		for (int k = 0; k < 2; k++) {
			final Cli.Result r = Cli.run("batch", dir.toString(), dir.toString(), "--model", "nearest-x2");
			assertEquals(0, r.status(), r.err());
			assertEquals(List.of(Batch.REPORT, "x.dcm", "x_tilesr.tif"), names(dir));
			assertEquals(2, report(dir).size(), report(dir).toString());
		}
	}

	@Test
	void aBadFileIsARowAndTheOthersAreEnhanced() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		Files.copy(DICOM, in.resolve("a.dcm"));
		final byte[] tiff = Files.readAllBytes(TIFF);
		Files.write(in.resolve("b.tif"), Arrays.copyOf(tiff, 300));
		Files.write(in.resolve("c.dcm"), new byte[] { 1, 2, 3 });
		Files.copy(TIFF, in.resolve("d.tif"));
		final PrintStream stdout = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		final Cli.Result r;
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			r = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		}
		finally {
			System.setOut(stdout);
		}
		assertEquals("", printed.toString(StandardCharsets.UTF_8), "readers print nothing of their own");
		assertEquals(1, r.status(), r.err());
		assertEquals(List.of("a_tilesr.tif", "d_tilesr.tif", Batch.REPORT), names(out));
		final List<String> rows = report(out);
		assertEquals(List.of("ok", "failed", "failed", "ok"), rows.stream().skip(1).map(l -> l.split(",")[1]).toList());
		assertTrue(rows.get(2).contains("b.tif"), rows.get(2));
		assertTrue(rows.get(3).contains("ImageJ says: This does not appear to be a valid DICOM file"), rows.get(3));
		for (final String line : r.err().split("\n"))
			assertFalse(line.startsWith("\tat ") || line.startsWith("Exception in"), r.err());
	}

	@Test
	void temporaryFilesOfAKilledRunAreRemovedOthersKept() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = Files.createDirectories(tmp.resolve("out"));
		Files.copy(DICOM, in.resolve("a.dcm"));
		final String host = org.tilesr.io.OutputFile.HOST;
		final Path dead = Files.writeString(out.resolve(".a_tilesr.tif." + host + ".999999999-k3x.tmp"), "half");
		final Path deadCog = Files.writeString(out.resolve(".a_tilesr.tif." + host + ".999999998-zz.cog.tmp"), "half");
		final Path alive = Files.writeString(out.resolve(".b_tilesr.tif." + host + "." + ProcessHandle.current().pid() + "-q1.tmp"), "writing");
		final Path otherHost = Files.writeString(out.resolve(".c_tilesr.tif.other-node.999999999-k3x.tmp"), "another machine's");
		final Path users = Files.writeString(out.resolve(".notes.tmp"), "not ours");
		final Cli.Result r = Cli.run("batch", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(0, r.status(), r.err());
		assertFalse(Files.exists(dead));
		assertFalse(Files.exists(deadCog));
		assertTrue(Files.exists(alive));
		assertTrue(Files.exists(otherHost));
		assertTrue(Files.exists(users));
		assertTrue(r.err().contains("removed 2 temporary file(s)"), r.err());
	}

	@Test
	void theInputIsNeverTheOutput() throws IOException {
		final Path in = Files.copy(DICOM, tmp.resolve("in.dcm"));
		final byte[] before = Files.readAllBytes(in);
		final Cli.Result r = Cli.run("enhance", in.toString(), tmp.resolve(".").resolve("in.dcm").toString(), "--model", "nearest-x2", "--overwrite");
		assertEquals(1, r.status(), r.err());
		assertTrue(r.err().contains("is the input file"), r.err());
		assertArrayEquals(before, Files.readAllBytes(in));
	}

	@Test
	void aBadPatternIsOneLine() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Cli.Result r = Cli.run("batch", in.toString(), tmp.resolve("out").toString(), "--pattern", "[", "--model", "nearest-x2");
		assertEquals(1, r.status(), r.err());
		assertEquals(1, r.err().lines().filter(l -> l.startsWith("tilesr:")).count(), r.err());
		assertTrue(r.err().contains("--pattern: '[' is not a file pattern"), r.err());
	}
}
