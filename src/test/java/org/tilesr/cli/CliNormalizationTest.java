package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Images;
import org.tilesr.TestData;

/** The normalization options reach the engine and the provenance says what was done, clipping included. */
class CliNormalizationTest {

	@TempDir
	Path tmp;

	private ImagePlus run(final String... extra) {
		System.setProperty("tilesr.models", TestData.root().resolve("models").toString());
		final Path in = TestData.shared("medical/ct-wg04-ct1/ct1_512.dcm");
		final Path out = tmp.resolve("out-" + extra.length + "-" + System.nanoTime() + ".tif");
		final List<String> args = new ArrayList<>(List.of("enhance", in.toString(), out.toString(), "--model", "nearest-x2"));
		args.addAll(List.of(extra));
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, Main.run(args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)),
			err.toString(StandardCharsets.UTF_8));
		return Images.open(out);
	}

	@Test
	void ctWindowInHounsfieldUnitsClipsAndSaysSo() {
		// WG04 CT1: HU = stored - 32768 - 1024 in ImageJ's calibration; window 40/400 HU is stored 33632..34032.
		final ImagePlus out = run("--window", "40:400");
		final String info = out.getInfoProperty();
		assertTrue(info.contains("tilesr.normalization = ctwindow centre=40HU width=400HU low=33632 high=34032 clip=yes"), info);
		assertTrue(info.contains("tilesr.clipping = yes"), info);
		final ij.process.ImageStatistics st = out.getProcessor().getStatistics();
		assertEquals(33632, st.min, 0.5, "values below the window come back as its lower edge");
		assertEquals(34032, st.max, 0.5);
	}

	@Test
	void percentileWithoutClippingKeepsTheTails() {
		final ImagePlus out = run("--norm", "percentile", "--low", "1", "--high", "99");
		final String info = out.getInfoProperty();
		assertTrue(info.contains("tilesr.normalization = percentile 1..99") && info.contains("clip=no"), info);
		assertTrue(info.contains("tilesr.clipping = none"), info);
		final ImagePlus src = Images.open(TestData.shared("medical/ct-wg04-ct1/ct1_512.dcm"));
		assertEquals(src.getProcessor().getStatistics().max, out.getProcessor().getStatistics().max, 0.5, "the brightest value comes back");
	}
}
