package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.plugins.tiff.GeoTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.io.TiffSource;

/**
 * The bundled Landsat 7 GeoTIFF, true colour (bands 3,2,1) through the generic RRDN ×2 together and the other bands
 * alone: every band kept in place, georeferencing carried, a faithful result. Runs on a fresh clone (no ../shared).
 */
class SampleGeoTiffTest {

	@TempDir
	Path tmp;

	@Test
	void trueColourTripletAndSingleBands() throws Exception {
		System.setProperty("tilesr.models", TestModels.folder().toString());
		final Path in = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif");
		final Path out = tmp.resolve("l7-x2.tif");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, Main.run(List.of("enhance", in.toString(), out.toString(), "--model", "esrgan-thick-x2", "--rgb", "3,2,1"),
			new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)), err.toString(StandardCharsets.UTF_8));
		try (TiffSource a = new TiffSource(in); TiffSource b = new TiffSource(out)) {
			assertEquals(698, b.info().width());
			assertEquals(704, b.info().height());
			assertEquals(6, b.info().bands());
			assertEquals(a.info().type(), b.info().type());
			final float[] va = new float[349 * 352], vb = new float[698 * 704];
			for (int band = 0; band < 6; band++) {
				a.read(band, 0, 0, 349, 352, va);
				b.read(band, 0, 0, 698, 704, vb);
				double se = 0, lo = 255, hi = 0;
				for (int y = 0; y < 352; y++)
					for (int x = 0; x < 349; x++) {
						final double m = (vb[2 * y * 698 + 2 * x] + vb[2 * y * 698 + 2 * x + 1] + vb[(2 * y + 1) * 698 + 2 * x]
							+ vb[(2 * y + 1) * 698 + 2 * x + 1]) / 4;
						final double d = m - va[y * 349 + x];
						se += d * d;
						lo = Math.min(lo, va[y * 349 + x]);
						hi = Math.max(hi, va[y * 349 + x]);
					}
				final double psnr = 10 * Math.log10((hi - lo) * (hi - lo) / (se / (349 * 352)));
				System.out.printf("L7 band %d x2 downscaled back vs input: PSNR %.1f dB%n", band + 1, psnr);
				assertTrue(psnr >= 30, "band " + (band + 1) + " is not in its place or not faithful: " + psnr + " dB");
			}
			final TIFFDirectory d = b.directory();
			assertTrue(d.getTIFFField(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY) != null, "GeoKeys carried");
			assertEquals(a.directory().getTIFFField(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE).getAsDouble(0) / 2,
				d.getTIFFField(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE).getAsDouble(0), 1e-9);
		}
	}
}
