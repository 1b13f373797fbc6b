package org.tilesr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tilesr.TestData;

/** The GDAL JNI library that scripts/build-gdal-jni.sh builds loads and reads a real GeoTIFF. */
class GdalJniTest {

	@BeforeAll
	static void jni() {
		final boolean loaded = org.gdal.gdal.gdalJNI.isAvailable();
		if (System.getenv("CI") != null) assertTrue(loaded, "CI must build the GDAL JNI (scripts/build-gdal-jni.sh)");
		assumeTrue(loaded, "GDAL JNI not built (scripts/build-gdal-jni.sh): skipping");
		gdal.AllRegister();
	}

	@Test
	void versionMatchesTheJavaBindings() {
		assertTrue(gdal.VersionInfo("RELEASE_NAME").startsWith("3.6"), gdal.VersionInfo("RELEASE_NAME"));
	}

	@Test
	void readsLandsat7SixBandGeoTiff() {
		final String file = TestData.shared("satellite/landsat7-etm-6band/L7_ETMs.tif").toString();
		final Dataset ds = gdal.Open(file, gdalconstConstants.GA_ReadOnly);
		assertNotNull(ds, gdal.GetLastErrorMsg());
		try {
			assertEquals(349, ds.getRasterXSize());
			assertEquals(352, ds.getRasterYSize());
			assertEquals(6, ds.getRasterCount());
			assertTrue(ds.GetProjection().contains("UTM zone 25S"), ds.GetProjection());
			final double[] gt = ds.GetGeoTransform();
			assertEquals(28.5, gt[1], 1e-6);
			final byte[] row = new byte[349];
			assertEquals(gdalconstConstants.CE_None, ds.GetRasterBand(1).ReadRaster(0, 100, 349, 1, row));
			int nonZero = 0;
			for (final byte b : row)
				if (b != 0) nonZero++;
			assertTrue(nonZero > 300, "row 100 of band 1 is mostly empty: " + nonZero);
		}
		finally {
			ds.delete();
		}
	}
}
