package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.RasterInfo;
import org.tilesr.io.TiffSource;

/** Multi-band TIFFs stream through the CLI (windowed read, streamed write), every band kept in place. */
public class EnhanceGeoTiffTest {

	@TempDir
	Path tmp;

	@Test
	void landsat7SixBandsStreamBandByBand() throws Exception {
		TestModels.folder();
		System.setProperty("tilesr.models", TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final Path in = TestData.shared("satellite/landsat7-etm-6band/L7_ETMs.tif");
		final Path out = tmp.resolve("l7-x2.tif");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = Main.run(List.of("enhance", in.toString(), out.toString(), "--model", "nearest-x2", "--tile", "64", "--backend", "java"),
			new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
		final String log = err.toString(StandardCharsets.UTF_8);
		assertEquals(0, status, log);
		assertTrue(log.contains("6x") || log.contains("x6"), log);
		try (TiffSource a = new TiffSource(in); TiffSource b = new TiffSource(out)) {
			assertEquals(RasterInfo.of(698, 704, 6, a.info().type(), Double.NaN), b.info());
			final float[] va = new float[349 * 352], vb = new float[698 * 704];
			for (int band = 0; band < 6; band++) {
				a.read(band, 0, 0, 349, 352, va);
				b.read(band, 0, 0, 698, 704, vb);
				for (int y = 0; y < 704; y++)
					for (int x = 0; x < 698; x++)
						assertEquals(va[(y / 2) * 349 + x / 2], vb[y * 698 + x], "band " + band + " at " + x + "," + y);
			}
			// Provenance in GDAL's metadata tag, which gdalinfo lists.
			final IIOMetadata meta = b.metadata();
			final TIFFField gdal = TIFFDirectory.createFromMetadata(meta).getTIFFField(42112);
			assertTrue(gdal != null && gdal.getAsString(0).contains("<Item name=\"tilesr.model\">nearest-x2</Item>"),
				gdal == null ? "no GDAL metadata" : gdal.getAsString(0));
		}
		try (var files = Files.list(tmp)) {
			assertEquals(List.of(out), files.toList());
		}
		assertTrue(ImageIO.getImageReadersByFormatName("tiff").hasNext());
	}

	/** gdalinfo -json of a file, or the test is skipped where GDAL's tools are not installed (CI has them). */
	public static com.google.gson.JsonObject gdalinfo(final Path f) throws Exception {
		final boolean have = Files.isExecutable(Path.of("/usr/bin/gdalinfo"));
		if (System.getenv("CI") != null) assertTrue(have, "CI must install gdal-bin");
		org.junit.jupiter.api.Assumptions.assumeTrue(have, "gdalinfo not installed: skipping");
		final Path errors = Files.createTempFile("gdalinfo", ".err");
		try {
			final Process p = new ProcessBuilder("/usr/bin/gdalinfo", "-json", f.toString()).redirectError(errors.toFile()).start();
			final String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(0, p.waitFor());
			final com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
			o.addProperty("stderr", Files.readString(errors));
			return o;
		}
		finally {
			Files.delete(errors);
		}
	}

	public static void gdalOrSkip(final String backend) {
		if (!backend.equals("gdal")) return;
		final boolean jni = org.tilesr.io.Gdal.available();
		if (System.getenv("CI") != null) assertTrue(jni, "CI must build the GDAL JNI");
		org.junit.jupiter.api.Assumptions.assumeTrue(jni, "GDAL JNI not built: skipping");
	}

	static Path enhance(final Path in, final Path out, final String backend, final String... extra) {
		System.setProperty("tilesr.models", TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final List<String> args = new java.util.ArrayList<>(List.of("enhance", in.toString(), out.toString(), "--model", "nearest-x2",
			"--backend", backend));
		args.addAll(List.of(extra));
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, Main.run(args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)),
			err.toString(StandardCharsets.UTF_8));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains(backend + " backend"), err.toString(StandardCharsets.UTF_8));
		return out;
	}

	@org.junit.jupiter.params.ParameterizedTest(name = "{0} through {1}")
	@org.junit.jupiter.params.provider.CsvSource({ "satellite/landsat7-etm-6band/L7_ETMs.tif, java",
		"satellite/landsat7-etm-6band/L7_ETMs.tif, gdal",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif, java",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif, gdal",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif, java",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif, gdal",
		"satellite/landsat8-oli-tiny/LC08_L1TP_195025_20130707_20170503_01_T1_B2.TIF, java",
		"satellite/landsat8-oli-tiny/LC08_L1TP_195025_20130707_20170503_01_T1_B2.TIF, gdal" })
	void georeferencingIsCarriedWithPixelSizeDividedByScale(final String file, final String backend) throws Exception {
		gdalOrSkip(backend);
		final Path in = TestData.shared(file);
		final Path out = enhance(in, tmp.resolve("x2.tif"), backend);
		final com.google.gson.JsonObject a = gdalinfo(in), b = gdalinfo(out);
		assertEquals(a.getAsJsonObject("coordinateSystem").get("wkt").getAsString(),
			b.getAsJsonObject("coordinateSystem").get("wkt").getAsString(), "same CRS");
		final com.google.gson.JsonArray ga = a.getAsJsonArray("geoTransform"), gb = b.getAsJsonArray("geoTransform");
		assertEquals(ga.get(0).getAsDouble(), gb.get(0).getAsDouble(), 1e-9, "same origin x");
		assertEquals(ga.get(3).getAsDouble(), gb.get(3).getAsDouble(), 1e-9, "same origin y");
		assertEquals(ga.get(1).getAsDouble() / 2, gb.get(1).getAsDouble(), 1e-12, "pixel width / 2");
		assertEquals(ga.get(5).getAsDouble() / 2, gb.get(5).getAsDouble(), 1e-12, "pixel height / 2");
		final com.google.gson.JsonArray ba = a.getAsJsonArray("bands"), bb = b.getAsJsonArray("bands");
		assertEquals(ba.size(), bb.size());
		for (int i = 0; i < ba.size(); i++) {
			final var x = ba.get(i).getAsJsonObject();
			final var y = bb.get(i).getAsJsonObject();
			assertEquals(x.get("type"), y.get("type"));
			assertEquals(x.get("noDataValue"), y.get("noDataValue"), "nodata of band " + (i + 1));
			assertEquals(x.get("description"), y.get("description"));
		}
		assertEquals("nearest-x2", b.getAsJsonObject("metadata").getAsJsonObject("").get("tilesr.model").getAsString());
		assertEquals("", b.get("stderr").getAsString(), "GDAL opens the output without warnings (e.g. ExtraSamples of N bands)");
		System.out.printf("%s (%s): CRS, origin, nodata and band descriptions kept; pixel %s -> %s%n", in.getFileName(), backend,
			ga.get(1), gb.get(1));
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "satellite/landsat7-etm-6band/L7_ETMs.tif",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif" })
	void bothBackendsGiveIdenticalPixelsAndMetadata(final String file) throws Exception {
		gdalOrSkip("gdal");
		final Path in = TestData.shared(file);
		final Path a = enhance(in, tmp.resolve("java.tif"), "java"), b = enhance(in, tmp.resolve("gdal.tif"), "gdal");
		try (TiffSource x = new TiffSource(a); org.tilesr.io.GdalSource y = new org.tilesr.io.GdalSource(b)) {
			assertEquals(x.info(), y.info());
			final int w = x.info().width(), h = x.info().height();
			final float[] va = new float[w * h], vb = new float[w * h];
			for (int band = 0; band < x.info().bands(); band++) {
				x.read(band, 0, 0, w, h, va);
				y.read(band, 0, 0, w, h, vb);
				org.junit.jupiter.api.Assertions.assertArrayEquals(va, vb, "band " + (band + 1));
			}
		}
		final com.google.gson.JsonObject ja = gdalinfo(a), jb = gdalinfo(b);
		for (final String k : new String[] { "size", "coordinateSystem", "geoTransform" })
			assertEquals(ja.get(k), jb.get(k), k);
		for (int i = 0; i < ja.getAsJsonArray("bands").size(); i++)
			for (final String k : new String[] { "type", "noDataValue", "description" })
				assertEquals(ja.getAsJsonArray("bands").get(i).getAsJsonObject().get(k), jb.getAsJsonArray("bands").get(i).getAsJsonObject().get(k), k);
	}

	@org.junit.jupiter.api.Test
	void gdalWritesCloudOptimizedGeoTiff() throws Exception {
		gdalOrSkip("gdal");
		final Path out = enhance(TestData.shared("satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif"), tmp.resolve("cog.tif"), "gdal", "--cog");
		final com.google.gson.JsonObject j = gdalinfo(out);
		assertEquals("COG", j.getAsJsonObject("metadata").getAsJsonObject("IMAGE_STRUCTURE").get("LAYOUT").getAsString());
		try (var files = Files.list(tmp)) {
			assertEquals(List.of(out), files.toList(), "no temporary file left");
		}
	}
}
