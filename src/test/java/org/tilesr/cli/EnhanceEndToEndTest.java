package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.TestModels;

/**
 * {@code tilesr enhance} on real 16-bit scans from ../shared/data: a faithful ×4 output, area-averaged back down
 * by 4, must match its input (PSNR ≥ 35 dB on the input's own range), stay 16-bit and keep its calibration.
 */
class EnhanceEndToEndTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void models() {
		TestModels.folder();
	}

	@ParameterizedTest
	@ValueSource(strings = { "medical/ct-wg04-ct1/ct1_512.dcm", "medical/mr-brain-pd/brain_010.dcm" })
	void enhancesRealScansFaithfully(final String file) {
		final Path in = TestData.shared(file);
		final Path out = tmp.resolve(in.getFileName() + "-x4.tif");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		final int status = Main.run(List.of("enhance", in.toString(), out.toString(), "--model", "esrgan-thick-x4"),
			new PrintStream(stdout, true), new PrintStream(err, true));
		final String log = err.toString(StandardCharsets.UTF_8);
		System.out.print(log);
		assertEquals(0, status, log);
		assertTrue(log.matches("(?s).*device=cpu\\(\\) engine=PyTorch libtorch=2\\.\\d+\\.\\d+ flavor=cpu .*"), "device line: " + log);
		assertEquals(out.toAbsolutePath().toString(), stdout.toString(StandardCharsets.UTF_8).trim());

		final ImagePlus src = Images.open(in);
		final ImagePlus res = Images.open(out);
		assertEquals(16, res.getBitDepth(), "16-bit in must give 16-bit out");
		assertEquals(src.getWidth() * 4, res.getWidth());
		assertEquals(src.getHeight() * 4, res.getHeight());
		// TIFF stores the resolution as a rational: equal to ~1e-6 relative
		assertEquals(src.getCalibration().pixelWidth / 4, res.getCalibration().pixelWidth, 1e-6 * src.getCalibration().pixelWidth);
		assertEquals(src.getCalibration().getCValue(0), res.getCalibration().getCValue(0), 1e-9, "value calibration (HU) kept");
		assertTrue(res.getInfoProperty().contains("tilesr.model = esrgan-thick-x4"), "provenance in the image info");

		final double psnr = Images.psnr(Images.values(src.getProcessor()), Images.areaDownscale(res.getProcessor(), 4));
		System.out.printf("%s: x4 output downscaled back vs input: PSNR %.2f dB%n", in.getFileName(), psnr);
		assertTrue(psnr >= 35, in.getFileName() + ": PSNR " + psnr + " dB < 35");
	}
}
