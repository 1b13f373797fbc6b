package org.tilesr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.cli.EnhanceGeoTiffTest;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterSource;

/**
 * GeoTIFF → ImageJ image → GeoTIFF (what the IJ1 commands "TileSR Open/Save GeoTIFF" do), through both backends:
 * pixels and georeferencing survive the round trip, and survive an enhance with pixel size ÷ 2.
 */
class GeoImagesTest {

	@TempDir
	Path tmp;

	@ParameterizedTest(name = "{0} through {1}")
	@CsvSource({ "satellite/landsat7-etm-6band/L7_ETMs.tif, java", "satellite/landsat7-etm-6band/L7_ETMs.tif, gdal",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif, java",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif, gdal",
		"satellite/landsat8-oli-tiny/LC08_L1TP_195025_20130707_20170503_01_T1_B2.TIF, java",
		"satellite/landsat8-oli-tiny/LC08_L1TP_195025_20130707_20170503_01_T1_B2.TIF, gdal" })
	void openEnhanceSaveKeepsGeoreferencing(final String file, final String backend) throws Exception {
		EnhanceGeoTiffTest.gdalOrSkip(backend);
		final boolean gdal = backend.equals("gdal");
		final Path in = TestData.shared(file);
		final ImagePlus imp = GeoImages.open(in, gdal);
		final var a = EnhanceGeoTiffTest.gdalinfo(in);
		final var ga = a.getAsJsonArray("geoTransform");
		assertEquals(a.getAsJsonArray("bands").size(), imp.getNChannels());
		assertEquals(ga.get(1).getAsDouble(), imp.getCalibration().pixelWidth, 1e-9);
		assertEquals("m", imp.getCalibration().getUnit());

		// Saved as it is: identical pixels and georeferencing.
		final Path same = tmp.resolve("same.tif");
		GeoImages.save(imp, same, false, gdal);
		assertSameGeo(a, EnhanceGeoTiffTest.gdalinfo(same), 1);
		try (RasterSource x = new GdalOrTiff(in, gdal).get(); RasterSource y = new GdalOrTiff(same, gdal).get()) {
			assertEquals(x.info().type(), y.info().type());
			final int w = x.info().width(), h = x.info().height();
			final float[] p = new float[w * h], q = new float[w * h];
			for (int b = 0; b < x.info().bands(); b++) {
				x.read(b, 0, 0, w, h, p);
				y.read(b, 0, 0, w, h, q);
				assertTrue(java.util.Arrays.equals(p, q), "band " + (b + 1) + " identical");
			}
		}
		assertThrows(TileSRException.class, () -> GeoImages.save(imp, same, false, gdal), "no overwrite unless asked");

		// Enhanced ×2 in ImageJ, then saved: pixel size ÷ 2, same CRS, origin, nodata, band names, provenance.
		System.setProperty("tilesr.models", TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final ImagePlus res;
		try (Enhancer e = Enhancer.open(new EnhanceSettings().model("nearest-x2").device("cpu"), org.tilesr.model.ModelCatalog.standard(), Progress.NONE)) {
			res = e.enhance(imp, null, Progress.NONE, new Cancel());
		}
		final Path x2 = tmp.resolve("x2.tif");
		GeoImages.save(res, x2, false, gdal);
		final var b = EnhanceGeoTiffTest.gdalinfo(x2);
		assertSameGeo(a, b, 2);
		assertEquals("nearest-x2", b.getAsJsonObject("metadata").getAsJsonObject("").get("tilesr.model").getAsString());
		try (RasterSource x = new GdalOrTiff(in, gdal).get(); RasterSource y = new GdalOrTiff(x2, gdal).get()) {
			final int w = x.info().width();
			final float[] p = new float[w], q = new float[2 * w];
			final int band = x.info().bands() - 1, row = x.info().height() / 2;
			x.read(band, 0, row, w, 1, p);
			y.read(band, 0, 2 * row, 2 * w, 1, q);
			for (int i = 0; i < w; i++) assertEquals(p[i], q[2 * i], 0, "nearest ×2 at " + i);
		}
		assertFalse(Files.exists(tmp.resolve("x2.tif.tmp")));
	}

	private static void assertSameGeo(final com.google.gson.JsonObject a, final com.google.gson.JsonObject b, final int s) {
		assertEquals(a.getAsJsonObject("coordinateSystem").get("wkt").getAsString(), b.getAsJsonObject("coordinateSystem").get("wkt").getAsString());
		final var ga = a.getAsJsonArray("geoTransform");
		final var gb = b.getAsJsonArray("geoTransform");
		assertEquals(ga.get(0).getAsDouble(), gb.get(0).getAsDouble(), 1e-6);
		assertEquals(ga.get(3).getAsDouble(), gb.get(3).getAsDouble(), 1e-6);
		assertEquals(ga.get(1).getAsDouble() / s, gb.get(1).getAsDouble(), 1e-9);
		assertEquals(ga.get(5).getAsDouble() / s, gb.get(5).getAsDouble(), 1e-9);
		final var ba = a.getAsJsonArray("bands");
		final var bb = b.getAsJsonArray("bands");
		assertEquals(ba.size(), bb.size());
		for (int i = 0; i < ba.size(); i++) {
			final var x = ba.get(i).getAsJsonObject();
			final var y = bb.get(i).getAsJsonObject();
			assertEquals(x.get("type"), y.get("type"));
			assertEquals(x.get("noDataValue"), y.get("noDataValue"));
			assertEquals(x.get("description"), y.get("description"));
		}
	}

	private record GdalOrTiff(Path file, boolean gdal) {
		RasterSource get() {
			return gdal ? new GdalSource(file) : new TiffSource(file);
		}
	}
}
