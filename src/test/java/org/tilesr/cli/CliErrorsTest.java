package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;

/** Bad input never crashes and never loses data: one line naming the file and the reason, no output left. */
class CliErrorsTest {

	@TempDir
	Path tmp;

	@BeforeAll
	static void models() {
		TestModels.folder();
	}


	/** The lines TileSR itself printed (libtorch prints its own warnings to the process's stderr, not here). */
	private static List<String> errorLines(final String err) {
		final List<String> l = new ArrayList<>();
		for (final String s : err.split("\n"))
			if (s.startsWith("tilesr:")) l.add(s);
		return l;
	}

	private List<Path> leftovers() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return s.filter(p -> !p.getFileName().toString().startsWith("in")).toList();
		}
	}

	@Test
	void notAnImage() throws IOException {
		final Path in = tmp.resolve("in-garbage.dcm");
		Files.writeString(in, "this is not a DICOM file\n".repeat(50));
		final Cli.Result r = Cli.run("enhance", in.toString(), tmp.resolve("out.tif").toString());
		assertEquals(1, r.status());
		assertEquals(1, errorLines(r.err()).size(), r.err());
		assertTrue(errorLines(r.err()).get(0).contains(in.toString()), r.err());
		assertEquals(List.of(), leftovers());
	}

	@Test
	void truncatedDicom() throws IOException {
		final byte[] full = Files.readAllBytes(TestData.shared("medical/mr-brain-pd/brain_010.dcm"));
		final Path in = tmp.resolve("in-truncated.dcm");
		Files.write(in, Arrays.copyOf(full, full.length / 2));
		final Cli.Result r = Cli.run("enhance", in.toString(), tmp.resolve("out.tif").toString());
		assertEquals(1, r.status(), r.err());
		assertTrue(errorLines(r.err()).get(0).contains(in.toString()) && r.err().contains("truncated"), r.err());
		assertEquals(List.of(), leftovers());
	}

	@Test
	void missingInput() throws IOException {
		final Cli.Result r = Cli.run("enhance", tmp.resolve("in-nothing.dcm").toString(), tmp.resolve("out.tif").toString());
		assertEquals(1, r.status());
		assertTrue(r.err().contains("no such file"), r.err());
		assertEquals(List.of(), leftovers());
	}

	@Test
	void existingOutputIsNotOverwritten() throws IOException {
		final Path out = tmp.resolve("out.tif");
		Files.writeString(out, "precious");
		final Cli.Result r = Cli.run("enhance", TestData.shared("medical/mr-brain-pd/brain_010.dcm").toString(), out.toString());
		assertEquals(1, r.status());
		assertTrue(r.err().contains("already exists"), r.err());
		assertEquals("precious", Files.readString(out));
	}

	/** The bundled real MR slice: an input that exists, for errors that come after the file checks. */
	private static final String SAMPLE = org.tilesr.TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm").toString();

	@Test
	void gpuRequestWithoutGpuIsAnError() {
		org.junit.jupiter.api.Assumptions.assumeTrue(org.tilesr.model.Devices.engine().getGpuCount() == 0, "this machine has a GPU");
		final Cli.Result r = Cli.run("enhance", SAMPLE, tmp.resolve("out.tif").toString(), "--device", "gpu");
		assertEquals(1, r.status());
		assertTrue(r.err().contains("asks for a GPU but PyTorch sees none"), r.err());
	}

	@Test
	void badOptions() {
		assertEquals(1, Cli.run("enhance", "a.dcm", "b.tif", "--tiel", "64").status());
		final Cli.Result tile = Cli.run("enhance", "a.dcm", "b.tif", "--tile", "3");
		assertEquals(1, tile.status());
		assertTrue(tile.err().contains("tile: must be 8..4096"), tile.err());
		final Cli.Result model = Cli.run("enhance", SAMPLE, tmp.resolve("b.tif").toString(), "--model", "no-such-model");
		assertTrue(model.status() == 1 && model.err().contains("no model 'no-such-model'; searched ["), model.err());
		final Cli.Result missing = Cli.run("enhance", "a.dcm", "b.tif", "--model", "no-such-model");
		assertTrue(missing.status() == 1 && missing.err().equals("tilesr: a.dcm: no such file\n"), "files are checked before the model: " + missing.err());
		assertEquals(2, Cli.run("frobnicate").status());
		assertFalse(Cli.run("version").err().contains("tilesr:"));
	}
}
