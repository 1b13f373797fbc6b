package org.tilesr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.Cancel;
import org.tilesr.core.PixelType;
import org.tilesr.core.Progress;
import org.tilesr.io.TiffSink;
import org.tilesr.io.TiffSource;
import org.tilesr.model.ModelCatalog;

/**
 * The ImgLib2 entry points on real pixels (the bundled MR slice): {@code enhance} on an ArrayImg of each pixel type
 * gives exactly what the file path gives for the same pixels; the lazy view equals the eager output; reading random
 * cells of a large raster through the lazy view keeps memory bounded by its cache.
 */
class ImgLib2Test {

	@TempDir
	static Path tmp;
	private static Enhancer x2;
	private static ImagePlus mr;

	@BeforeAll
	static void open() {
		x2 = Enhancer.open(new EnhanceSettings().model("esrgan-thick-x2").device("cpu"), TestModels.catalog(), Progress.NONE);
		mr = Images.open(TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"));
	}

	@AfterAll
	static void close() {
		if (x2 != null) x2.close();
	}

	/** The MR slice's raw value at (x, y), 0..~2000. */
	private static float mr(final int x, final int y) {
		return mr.getProcessor().getf(x % mr.getWidth(), y % mr.getHeight());
	}

	/** The MR values put into each type's range: 8-bit scaled down, 16-bit signed shifted below zero, float scaled. */
	private static float value(final PixelType t, final int x, final int y, final int band) {
		final float v = mr(x + 7 * band, y + 3 * band);
		switch (t) {
			case UINT8: return Math.min(255, Math.round(v / 8));
			case INT16: return v - 1000;
			case UINT16: return v;
			default: return v / 997f;
		}
	}

	private static <T extends RealType<T>> void fill(final RandomAccessibleInterval<T> img, final PixelType t) {
		final Cursor<T> c = Views.flatIterable(img).localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().setReal(value(t, c.getIntPosition(0) + 90, c.getIntPosition(1) + 100, img.numDimensions() == 3 ? c.getIntPosition(2) : 0));
		}
	}

	@Test
	void eachPixelTypeEqualsTheFilePath() {
		final int w = 72, h = 56;
		check(ArrayImgs.unsignedBytes(w, h), PixelType.UINT8);
		check(ArrayImgs.shorts(w, h), PixelType.INT16);
		check(ArrayImgs.unsignedShorts(w, h), PixelType.UINT16);
		check(ArrayImgs.floats(w, h), PixelType.FLOAT32);
		check(ArrayImgs.floats(w, h, 3), PixelType.FLOAT32); // bands on the third axis
		// a type the engine does not have is computed as float and written back into its own type
		final var d = ArrayImgs.doubles(w, h);
		fill(d, PixelType.FLOAT32);
		final var f = ArrayImgs.floats(w, h);
		fill(f, PixelType.FLOAT32);
		final Img<net.imglib2.type.numeric.real.DoubleType> dOut = x2.enhance(d, Progress.NONE, new Cancel());
		final Img<net.imglib2.type.numeric.real.FloatType> fOut = x2.enhance(f, Progress.NONE, new Cancel());
		final Cursor<net.imglib2.type.numeric.real.DoubleType> a = Views.flatIterable(dOut).cursor();
		final Cursor<net.imglib2.type.numeric.real.FloatType> b = Views.flatIterable(fOut).cursor();
		while (a.hasNext()) assertEquals(b.next().getRealDouble(), a.next().getRealDouble(), 0);
	}

	/** enhance(img) against enhanceFile of a TIFF holding the same pixels: every output value equal. */
	private static <T extends RealType<T>> void check(final Img<T> img, final PixelType type) {
		fill(img, type);
		final int w = (int) img.dimension(0), h = (int) img.dimension(1), bands = img.numDimensions() == 3 ? (int) img.dimension(2) : 1;
		final Path in = tmp.resolve("in-" + type + "-" + bands + ".tif"), out = tmp.resolve("out-" + type + "-" + bands + ".tif");
		try (TiffSink sink = new TiffSink(in, false, w, h, bands, type, null)) {
			for (int b = 0; b < bands; b++) {
				final float[] row = new float[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) row[y * w + x] = value(type, x + 90, y + 100, b);
				sink.write(b, 0, h, row);
			}
			sink.commit();
		}
		x2.enhanceFile(in, out, false, Progress.NONE, new Cancel());
		final Img<T> res = x2.enhance(img, Progress.NONE, new Cancel());
		assertEquals(img.getType().getClass(), res.getType().getClass(), "same pixel type");
		assertEquals(2 * w, res.dimension(0));
		assertEquals(2 * h, res.dimension(1));
		try (TiffSource file = new TiffSource(out)) {
			assertEquals(type, file.info().type());
			final float[] expected = new float[4 * w * h];
			final RandomAccess<T> ra = res.randomAccess();
			int differ = 0;
			for (int b = 0; b < bands; b++) {
				file.read(b, 0, 0, 2 * w, 2 * h, expected);
				if (bands > 1) ra.setPosition(b, 2);
				for (int y = 0; y < 2 * h; y++)
					for (int x = 0; x < 2 * w; x++) {
						ra.setPosition(x, 0);
						ra.setPosition(y, 1);
						if (ra.get().getRealFloat() != expected[y * 2 * w + x]) differ++;
					}
			}
			assertEquals(0, differ, type + " x" + bands + ": values that differ from the file path's");
		}
	}

	@Test
	void lazyViewEqualsTheEagerOutput() {
		final Img<UnsignedShortType> img = ArrayImgs.unsignedShorts(mr.getWidth(), mr.getHeight());
		fill(img, PixelType.UINT16);
		final Img<UnsignedShortType> eager = x2.enhance(img, Progress.NONE, new Cancel());
		final Img<UnsignedShortType> lazy = x2.lazy(img, 128, 4, new Cancel()); // 16 cells, at most 4 held
		final double[] e = new double[(int) eager.size()], l = new double[e.length];
		int i = 0;
		final Cursor<UnsignedShortType> a = Views.flatIterable(eager).cursor();
		final Cursor<UnsignedShortType> b = Views.flatIterable(lazy).cursor();
		while (a.hasNext()) {
			e[i] = a.next().getRealDouble();
			l[i++] = b.next().getRealDouble();
		}
		final double psnr = Images.psnr(e, l);
		System.out.printf("lazy view vs eager output, MR 256x256 x2, cells of 128: %.1f dB%n", psnr);
		assertTrue(psnr >= 90, "lazy view vs eager: " + psnr + " dB");
	}

	@Test
	void lazyViewOfALargeRasterKeepsMemoryBounded() {
		final int n = 6144; // 6144^2 input, a 12288^2 output (288 MB as 16-bit) never held
		final Img<UnsignedShortType> big = ArrayImgs.unsignedShorts(n, n);
		final Cursor<UnsignedShortType> c = big.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().setReal(mr(c.getIntPosition(0), c.getIntPosition(1)));
		}
		final ModelCatalog catalog = new ModelCatalog(List.of(TestModels.folder(), TestData.root().resolve("models")));
		try (Enhancer nearest = Enhancer.open(new EnhanceSettings().model("nearest-x2").device("cpu"), catalog, Progress.NONE)) {
			final int cached = 6;
			final Img<UnsignedShortType> view = nearest.lazy(big, 512, cached, new Cancel());
			assertEquals(2L * n, view.dimension(0));
			final long before = usedHeap();
			long peak = 0;
			final Random rnd = new Random(42);
			final RandomAccess<UnsignedShortType> ra = view.randomAccess();
			for (int k = 0; k < 120; k++) {
				final int x = rnd.nextInt(2 * n), y = rnd.nextInt(2 * n);
				ra.setPosition(new int[] { x, y });
				assertEquals(big.getAt(x / 2, y / 2).get(), ra.get().get(), "nearest x2 at " + x + "," + y);
				if (k % 10 == 9) peak = Math.max(peak, usedHeap() - before);
			}
			final long cellBytes = 512L * 512 * 2;
			System.out.printf("lazy view, 120 random cells of a %dx%d output: heap growth %.1f MB (cache of %d cells = %.1f MB)%n",
				2 * n, 2 * n, peak / 1e6, cached, cached * cellBytes / 1e6);
			// the cache, plus one cell being computed and its pipeline buffers: not the cells read (63 MB), nor the output (288 MB)
			assertTrue(peak < cached * cellBytes + 20_000_000L, "heap grew by " + peak / 1e6 + " MB");
		}
	}

	private static long usedHeap() {
		final Runtime r = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) System.gc();
		return r.totalMemory() - r.freeMemory();
	}
}
