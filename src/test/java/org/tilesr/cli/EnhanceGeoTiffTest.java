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
class EnhanceGeoTiffTest {

	@TempDir
	Path tmp;

	@Test
	void landsat7SixBandsStreamBandByBand() throws Exception {
		TestModels.folder();
		System.setProperty("tilesr.models", TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final Path in = TestData.shared("satellite/landsat7-etm-6band/L7_ETMs.tif");
		final Path out = tmp.resolve("l7-x2.tif");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = Main.run(List.of("enhance", in.toString(), out.toString(), "--model", "nearest-x2", "--tile", "64"),
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
}
