package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Images;
import org.tilesr.TestData;

/** A DICOM series folder becomes one 16-bit stack; ImageJ opens the output with calibration ÷ s, z spacing kept. */
class DicomSeriesTest {

	@TempDir
	Path tmp;

	@Test
	void mrSeriesFolderToCalibratedStack() {
		System.setProperty("tilesr.models", TestData.root().resolve("models").toString());
		final Path dir = TestData.shared("medical/mr-brain-pd");
		final Path out = tmp.resolve("series-x2.tif");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, Main.run(List.of("enhance", dir.toString(), out.toString(), "--model", "nearest-x2"),
			new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)), err.toString(StandardCharsets.UTF_8));
		final ImagePlus src = ij.plugin.FolderOpener.open(dir.toString());
		final ImagePlus res = Images.open(out);
		assertEquals(20, res.getStackSize());
		assertEquals(512, res.getWidth());
		assertEquals(16, res.getBitDepth());
		assertEquals(src.getCalibration().pixelWidth / 2, res.getCalibration().pixelWidth, 1e-6);
		assertEquals(src.getCalibration().pixelDepth, res.getCalibration().pixelDepth, 1e-6, "z spacing unchanged");
		assertEquals("mm", res.getCalibration().getUnit());
		// nearest x2: every slice comes back exactly, in series order
		for (int z = 1; z <= 20; z++)
			assertEquals(src.getStack().getProcessor(z).getf(100, 120), res.getStack().getProcessor(z).getf(200, 240), "slice " + z);
		assertTrue(res.getStack().getSliceLabel(10).startsWith("brain_010"), res.getStack().getSliceLabel(10));
		assertTrue(src.getStack().getSliceLabel(10).contains("0028,0030  Pixel Spacing: 0.859375\\0.859375"));
		assertTrue(res.getStack().getSliceLabel(10).contains("0028,0030  Pixel Spacing: 0.4296875\\0.4296875"),
			"each slice's DICOM header has its Pixel Spacing halved");
		assertTrue(res.getStack().getSliceLabel(10).contains("0028,0010  Rows: 512\n") && res.getStack().getSliceLabel(10).contains("0028,0011  Columns: 512\n"),
			"each slice's DICOM header has its Rows and Columns doubled");
	}
}
