package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilesr.TestModels;
import org.tilesr.core.PixelType;
import org.tilesr.io.TiffSource;
import org.tilesr.io.TinyTiff;

/**
 * Valid but unusual rasters: their values come out unchanged (nearest-x2) or the file is refused in one line; never
 * another type's reading of the same bytes. ±Inf are nodata: they do not spread into neighbours or statistics.
 */
class ValuesKeptOrRefusedTest {

	@TempDir
	Path tmp;

	@BeforeAll
	static void models() {
		TestModels.folder();
	}


	private static float[] read(final Path f) {
		try (TiffSource s = new TiffSource(f)) {
			final float[] v = new float[s.info().width() * s.info().height()];
			s.read(0, 0, 0, s.info().width(), s.info().height(), v);
			return v;
		}
	}

	/** 4×3 samples 0..11 scaled into the type's range, as raw bytes; and their values. */
	private static Object[] samples(final int bits, final int format) {
		final int n = 12;
		final float[] values = new float[n];
		final byte[] raw;
		switch (bits * 10 + format) {
			case 82 -> { // int8
				raw = new byte[n];
				for (int i = 0; i < n; i++) raw[i] = (byte) (i * 20 - 120);
				for (int i = 0; i < n; i++) values[i] = raw[i];
			}
			case 163 -> { // float16
				raw = new byte[2 * n];
				for (int i = 0; i < n; i++) {
					values[i] = i * 0.25f - 1f;
					final int h = half(values[i]);
					raw[2 * i] = (byte) h;
					raw[2 * i + 1] = (byte) (h >> 8);
				}
			}
			default -> { // 12-bit unsigned, packed big-endian bits as TIFF stores them
				raw = new byte[n * 12 / 8];
				for (int i = 0; i < n; i++) values[i] = i * 300 + 7;
				for (int i = 0; i < n; i += 2) {
					final int a = (int) values[i], b = (int) values[i + 1];
					raw[i / 2 * 3] = (byte) (a >> 4);
					raw[i / 2 * 3 + 1] = (byte) ((a & 15) << 4 | b >> 8);
					raw[i / 2 * 3 + 2] = (byte) b;
				}
			}
		}
		return new Object[] { raw, values };
	}

	/** float16 bits of a value that float16 holds exactly (normal or zero). */
	private static int half(final float f) {
		if (f == 0) return 0;
		final int b = Float.floatToIntBits(f);
		return (b >>> 16 & 0x8000) | ((b >>> 23 & 0xff) - 127 + 15) << 10 | (b & 0x7fffff) >>> 13;
	}

	@ParameterizedTest
	@CsvSource({ "8, 2, java", "8, 2, gdal", "16, 3, java", "16, 3, gdal", "12, 1, java", "12, 1, gdal" })
	void unusualLayoutsAreKeptOrRefused(final int bits, final int format, final String backend) throws IOException {
		EnhanceGeoTiffTest.gdalOrSkip(backend);
		final Object[] s = samples(bits, format);
		final Path in = TinyTiff.write(tmp.resolve("in.tif"), 4, 3, bits, format, (byte[]) s[0]);
		final Path out = tmp.resolve("out.tif");
		final Cli.Result r = Cli.run("enhance", in.toString(), out.toString(), "--model", "nearest-x2", "--backend", backend);
		if (r.status() != 0) {
			assertEquals(1, r.err().lines().filter(l -> l.startsWith("tilesr:")).count(), r.err());
			assertTrue(r.err().contains("in.tif") && r.err().contains("not supported"), r.err());
			assertFalse(Files.exists(out));
			if (backend.equals("java")) return;
			assertTrue(bits == 8, "GDAL reads float16 and 12-bit samples as float32 and uint16 with their values: " + r.err());
			return;
		}
		assertFalse(backend.equals("java"), "the JDK reader cannot keep these values: " + r.err());
		final float[] v = (float[]) s[1], o = read(out);
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++)
				assertEquals(v[(y / 2) * 4 + x / 2], o[y * 8 + x], 1e-4 * (Math.abs(v[(y / 2) * 4 + x / 2]) + 1), "at " + x + "," + y);
	}

	@ParameterizedTest
	@ValueSource(strings = { "java", "gdal" })
	void infinitiesAreNodataAndDoNotSpread(final String backend) throws IOException {
		EnhanceGeoTiffTest.gdalOrSkip(backend);
		final float[] v = new float[40 * 30];
		for (int i = 0; i < v.length; i++)
			v[i] = (i % 40) * 0.5f + (i / 40) * 0.25f;
		v[5 * 40 + 7] = Float.POSITIVE_INFINITY;
		v[20 * 40 + 30] = Float.NEGATIVE_INFINITY;
		final Path in = TinyTiff.write(tmp.resolve("inf.tif"), 40, 30, 32, 3, TinyTiff.floats(v));
		final Path out = tmp.resolve("out.tif");
		final Cli.Result r = Cli.run("enhance", in.toString(), out.toString(), "--model", "nearest-x2", "--backend", backend);
		assertEquals(0, r.status(), r.err());
		try (TiffSource s = new TiffSource(out)) {
			assertEquals(PixelType.FLOAT32, s.info().type());
		}
		final float[] o = read(out);
		int finite = 0;
		for (int y = 0; y < 60; y++)
			for (int x = 0; x < 80; x++) {
				final float want = v[(y / 2) * 40 + x / 2];
				if (Float.isFinite(want)) {
					assertEquals(want, o[y * 80 + x], 1e-4, "at " + x + "," + y);
					finite++;
				}
				else assertTrue(!Float.isFinite(o[y * 80 + x]), "an infinite input pixel stays missing at " + x + "," + y);
			}
		assertEquals(80 * 60 - 8, finite);
	}

	/** A DICOM with a rescale slope: ImageJ applies it with menu commands that fail headless; TileSR keeps the real values. */
	@org.junit.jupiter.api.Test
	void dicomRescaleSlopeGivesRealValues() throws Exception {
		final boolean dcmtk = Files.isExecutable(Path.of("/usr/bin/dcmodify"));
		if (System.getenv("CI") != null) assertTrue(dcmtk, "CI must install dcmtk");
		org.junit.jupiter.api.Assumptions.assumeTrue(dcmtk, "dcmtk not installed: skipping");
		final Path src = org.tilesr.TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");
		final Path in = Files.copy(src, tmp.resolve("slope.dcm"));
		final Process p = new ProcessBuilder("/usr/bin/dcmodify", "-nb", "-i", "(0028,1053)=2", "-i", "(0028,1052)=-100", in.toString())
			.redirectErrorStream(true).start();
		assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		final Path out = tmp.resolve("slope_x2.tif");
		final Cli.Result r = Cli.run("enhance", in.toString(), out.toString(), "--model", "nearest-x2");
		assertEquals(0, r.status(), r.err());
		final ij.ImagePlus stored = org.tilesr.Images.open(src), o = org.tilesr.Images.open(out);
		assertEquals(2 * stored.getWidth(), o.getWidth());
		final ij.measure.Calibration cal = o.getCalibration();
		for (int y = 0; y < o.getHeight(); y += 7)
			for (int x = 0; x < o.getWidth(); x += 5) {
				final double want = 2 * stored.getCalibration().getCValue(stored.getProcessor().get(x / 2, y / 2)) - 100;
				assertEquals(want, cal.getCValue(o.getProcessor().get(x, y)), 1e-3, "at " + x + "," + y);
			}
	}
}
