package org.tilesr.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;

import ij.ImagePlus;

import java.util.List;

import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.Cancel;
import org.tilesr.core.ChannelMapping;
import org.tilesr.core.DatasetStats;
import org.tilesr.core.MemoryRaster;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Pipeline;
import org.tilesr.core.PixelType;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;
import org.tilesr.core.TileGrid;
import org.tilesr.io.ImagePlusSource;
import org.tilesr.model.DjlUpscaler;
import org.tilesr.model.Models;

/**
 * Tiled output with halo and blending must be indistinguishable from running the model on the whole image at once
 * (≥ 90 dB), with no seam: the gradient energy across tile borders is no higher than the whole-image output's
 * at the same places. Real MR, CT and Sentinel-2 data, generic RRDN ×4 at its default tile and halo.
 */
class TiledVsWholeTest {

	private static DjlUpscaler up;

	@BeforeAll
	static void model() {
		up = Models.load(TestModels.catalog().find("esrgan-thick-x4"), Device.cpu());
	}

	@AfterAll
	static void close() {
		if (up != null) up.close();
	}

	@Test
	void mrSlice() {
		final ImagePlusSource mr = new ImagePlusSource(Images.open(TestData.shared("medical/mr-brain-pd/brain_010.dcm")), null);
		check("MR brain_010", mr, 128);
		check("MR brain_010", mr, 48); // many small windows
	}

	@Test
	void ctSlice() {
		check("CT ct1_512", new ImagePlusSource(Images.open(TestData.shared("medical/ct-wg04-ct1/ct1_512.dcm")), null), 128);
	}

	@Test
	void sentinel2Band() {
		final String file = TestData.shared("satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B02.tif").toString();
		assumeTrue(org.gdal.gdal.gdalJNI.isAvailable() || System.getenv("CI") != null, "GDAL JNI not built: skipping");
		gdal.AllRegister();
		final Dataset ds = gdal.Open(file, gdalconstConstants.GA_ReadOnly);
		final int w = 256, h = 200;
		final short[] px = new short[w * h];
		ds.GetRasterBand(1).ReadRaster(400, 400, w, h, px);
		ds.delete();
		final float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = px[i] & 0xffff;
		check("Sentinel-2 B02 (256x200 at 400,400)", new MemoryRaster(RasterInfo.of(w, h, 1, PixelType.UINT16, 0), new float[][] { v }), 128);
	}

	private static void check(final String what, final RasterSource src, final int tile) {
		final RasterInfo in = src.info();
		final int s = up.scale();
		final var norms = DatasetStats.normalizations(NormalizationSpec.range(), src, new Cancel());
		final RasterInfo outInfo = new RasterInfo(in.width() * s, in.height() * s, in.bands(), PixelType.FLOAT32, Double.NaN,
			in.groups(), 1, 0);
		final Pipeline.Settings tiled = new Pipeline.Settings(tile, 10, 1, 1, 0);
		final MemoryRaster a = new MemoryRaster(outInfo), b = new MemoryRaster(outInfo);
		final Pipeline.Report ra = new Pipeline(up, tiled, Progress.NONE, new Cancel()).run(src, norms, ChannelMapping.grayscale(1), a);
		// The whole image as one window: one forward of the model.
		new Pipeline(up, new Pipeline.Settings(4096, 10, 1, 1, 0), Progress.NONE, new Cancel()).run(src, norms, ChannelMapping.grayscale(1), b);
		final double psnr = Images.psnr(toDouble(b.band(0)), toDouble(a.band(0)));
		final TileGrid grid = new TileGrid(in.width(), in.height(), tile, 10);
		final double seamTiled = borderEnergy(a, grid, s), seamWhole = borderEnergy(b, grid, s), mean = meanEnergy(a);
		System.out.printf("%s: tiled (%d windows of %dx%d, halo 10, blended) vs whole: PSNR %.1f dB; gradient energy across tile borders: "
			+ "tiled %.4g, whole-image output %.4g (ratio %.4f), image mean %.4g%n", what, ra.tiles(), grid.windowWidth(), grid.windowHeight(), psnr, seamTiled, seamWhole,
			seamTiled / seamWhole, mean);
		assertTrue(psnr >= 90, what + ": tiled vs whole " + psnr + " dB");
		assertTrue(seamTiled <= seamWhole * 1.01, what + ": seam energy " + seamTiled + " vs " + seamWhole);
	}

	private static double[] toDouble(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}

	/** Mean squared difference between the two output pixels on either side of every tile-core border. */
	static double borderEnergy(final MemoryRaster r, final TileGrid grid, final int s) {
		final int w = r.info().width(), h = r.info().height();
		double sum = 0;
		long n = 0;
		final List<TileGrid.Tile> row = grid.rows().get(0);
		for (int t = 1; t < row.size(); t++) {
			final int x = row.get(t).x() * s;
			for (int y = 0; y < h; y++) {
				final double d = r.get(0, x, y) - r.get(0, x - 1, y);
				sum += d * d;
				n++;
			}
		}
		for (int t = 1; t < grid.rows().size(); t++) {
			final int y = grid.rows().get(t).get(0).y() * s;
			for (int x = 0; x < w; x++) {
				final double d = r.get(0, x, y) - r.get(0, x, y - 1);
				sum += d * d;
				n++;
			}
		}
		return sum / n;
	}

	/** Mean squared horizontal and vertical neighbour difference over the whole image. */
	static double meanEnergy(final MemoryRaster r) {
		final int w = r.info().width(), h = r.info().height();
		double sum = 0;
		for (int y = 1; y < h; y++)
			for (int x = 1; x < w; x++) {
				final double dx = r.get(0, x, y) - r.get(0, x - 1, y), dy = r.get(0, x, y) - r.get(0, x, y - 1);
				sum += (dx * dx + dy * dy) / 2;
			}
		return sum / ((double) (w - 1) * (h - 1));
	}
}
