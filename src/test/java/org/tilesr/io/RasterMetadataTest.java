package org.tilesr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tilesr.Images;
import org.tilesr.TestData;

/** Every backend fills the same metadata fields, and scaling follows one set of rules. */
class RasterMetadataTest {

	@ParameterizedTest
	@ValueSource(strings = { "satellite/landsat7-etm-6band/L7_ETMs.tif", "satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif",
		"satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_L2A_B02B03B04B08_100m_stack.tif",
		"satellite/landsat8-oli-tiny/LC08_L1TP_195025_20130707_20170503_01_T1_B2.TIF" })
	void pureJavaAndGdalDescribeAGeoTiffAlike(final String file) {
		final boolean jni = Gdal.available();
		if (System.getenv("CI") != null) assertTrue(jni, "CI must build the GDAL JNI");
		assumeTrue(jni, "GDAL JNI not built: skipping");
		try (TiffSource t = new TiffSource(TestData.shared(file)); GdalSource g = new GdalSource(TestData.shared(file))) {
			final RasterMetadata a = t.describe(), b = g.describe();
			assertArrayEquals(b.geoTransform(), a.geoTransform(), 1e-9);
			assertTrue(b.epsg() > 0, "GDAL identifies the CRS: " + b.crsWkt());
			assertEquals(b.epsg(), a.epsg(), "EPSG code from the GeoKeys");
			assertEquals(b.nodata(), a.nodata());
			for (int i = 0; i < t.info().bands(); i++)
				assertEquals(emptyIfNull(b.bandDescriptions()[i]), emptyIfNull(a.bandDescriptions()[i]), "band " + (i + 1));
			final RasterMetadata s = b.scaled(4).withItems(Map.of("tilesr.scale", "4"));
			assertEquals(b.geoTransform()[0], s.geoTransform()[0]);
			assertEquals(b.geoTransform()[3], s.geoTransform()[3]);
			assertEquals(b.geoTransform()[1] / 4, s.geoTransform()[1]);
			assertEquals(b.geoTransform()[5] / 4, s.geoTransform()[5]);
			assertEquals(b.crsWkt(), s.crsWkt());
			assertEquals("4", s.items().get("tilesr.scale"));
			System.out.printf("%s: EPSG:%d, pixel %s, nodata %s, both backends alike%n", file, a.epsg(), a.geoTransform()[1], a.nodata());
		}
	}

	private static String emptyIfNull(final String s) {
		return s == null ? "" : s;
	}

	@Test
	void dicomCalibrationAndPixelSpacingScale() {
		final ImagePlus ct = Images.open(TestData.shared("medical/ct-wg04-ct1/ct1_512.dcm"));
		final RasterMetadata m = new ImagePlusSource(ct, null).describe();
		final RasterMetadata s = m.scaled(4);
		assertEquals(m.calibration().pixelWidth / 4, s.calibration().pixelWidth, 1e-12);
		assertEquals(m.calibration().pixelDepth, s.calibration().pixelDepth, 1e-12);
		assertEquals(m.calibration().getUnit(), s.calibration().getUnit());
		assertEquals(m.calibration().getCValue(0), s.calibration().getCValue(0), 1e-9, "HU calibration kept");
		final String before = line(m.dicomHeader()), after = line(s.dicomHeader());
		final String[] b = before.split(":")[1].trim().split("\\\\"), a = after.split(":")[1].trim().split("\\\\");
		assertEquals(Double.parseDouble(b[0]) / 4, Double.parseDouble(a[0]), 1e-9, before + " -> " + after);
		assertEquals(Double.parseDouble(b[1]) / 4, Double.parseDouble(a[1]), 1e-9, before + " -> " + after);
		assertTrue(m.dicomHeader().contains("0028,0010  Rows: 512\n") && m.dicomHeader().contains("0028,0011  Columns: 512\n"));
		assertTrue(s.dicomHeader().contains("0028,0010  Rows: 2048\n") && s.dicomHeader().contains("0028,0011  Columns: 2048\n"),
			"Rows and Columns follow the image");
	}

	private static String line(final String header) {
		for (final String l : header.split("\n"))
			if (l.startsWith("0028,0030")) return l;
		throw new AssertionError("no Pixel Spacing in the DICOM header");
	}
}
