package org.tilesr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bicubic degradation and upscaling, PSNR and SSIM, and the evaluation table, on known inputs. */
class MetricsTest {

	@TempDir
	Path tmp;

	private static Plane pattern(final int n) {
		final float[] v = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) v[y * n + x] = (float) (1000 + 300 * Math.sin(x / 9.0) * Math.cos(y / 13.0) + 2 * x);
		return new Plane(n, n, v);
	}

	@Test
	void downscaleKeepsConstantsAndSamplesRampsAtTheMappedCentres() {
		final float[] c = new float[64 * 48];
		java.util.Arrays.fill(c, 7.5f);
		final Plane d = Resample.downscale(new Plane(64, 48, c), 4);
		assertEquals(16, d.width());
		assertEquals(12, d.height());
		for (final float v : d.data()) assertEquals(7.5, v, 1e-5);
		final float[] r = new float[64 * 64];
		for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) r[y * 64 + x] = 3 * x + 0.5f * y;
		final Plane rd = Resample.downscale(new Plane(64, 64, r), 4);
		for (int y = 3; y < 13; y++)
			for (int x = 3; x < 13; x++) // centre of output pixel o is input coordinate (o + 0.5)·4 − 0.5
				assertEquals(3 * ((x + 0.5) * 4 - 0.5) + 0.5 * ((y + 0.5) * 4 - 0.5), rd.get(x, y), 1e-3);
		final Plane same = Resample.upscale(rd, 1);
		assertEquals(rd.get(5, 5), same.get(5, 5), 0);
	}

	@Test
	void hfRatioIsOneForTheReferenceNearZeroForBicubicAndAboveOneWithAddedDetail() {
		final Random r = new Random(4);
		final float[] v = new float[128 * 128];
		final Plane smooth = pattern(128);
		for (int i = 0; i < v.length; i++) v[i] = smooth.data()[i] + (float) (40 * r.nextGaussian()); // detail above the low band
		final Plane hr = new Plane(128, 128, v);
		assertEquals(1, Metrics.hfRatio(hr, hr, 4, 4), 1e-12);
		final Plane up = Resample.upscale(Resample.downscale(hr, 4), 4);
		final double bicubic = Metrics.hfRatio(hr, up, 4, 4);
		assertTrue(bicubic < 0.05, "bicubic keeps almost none of the detail above the band: " + bicubic);
		final float[] twice = new float[v.length];
		for (int i = 0; i < v.length; i++) twice[i] = 2 * v[i] - up.data()[i]; // the detail doubled
		assertEquals(4, Metrics.hfRatio(hr, new Plane(128, 128, twice), 4, 4), 0.3);
		// by hand: the energy of x − up(down(x)) inside the border
		final Plane back = Resample.upscale(Resample.downscale(hr, 4), 4);
		double e = 0;
		for (int y = 4; y < 124; y++)
			for (int x = 4; x < 124; x++) e += Math.pow(hr.get(x, y) - back.get(x, y), 2);
		assertEquals(e, Metrics.hfEnergy(hr, 4, 4), e * 1e-12);
	}

	@Test
	void perceptionDistortionCurveAndAlphas() throws Exception {
		final EvalTable t = new EvalTable();
		t.add(new EvalTable.Row("a.tif", 0, "bicubic", 30, 0.9, 0, "A", 0.05));
		t.add(new EvalTable.Row("a.tif", 0, "m@0", 32, 0.93, 1, "A", 0.3));
		t.add(new EvalTable.Row("a.tif", 0, "m@0.5", 31.6, 0.92, 1, "A", 0.5));
		t.add(new EvalTable.Row("a.tif", 0, "m", 31, 0.9, 1, "A", 0.8));
		assertTrue(t.markdown("bicubic").contains("| m@0.5 | 1 | 31.60 | 0.9200 | 0.500 | +1.60 |"), t.markdown("bicubic"));
		assertTrue(t.sceneMarkdown("bicubic", "m@0").contains("| mean over scenes | m | 1 | 31.00 | 0.9000 | 0.800 |"), t.sceneMarkdown("bicubic", "m@0"));
		final Path png = tmp.resolve("pd.png");
		t.writeCurve(png, "curve");
		final BufferedImage img = ImageIO.read(png.toFile());
		assertTrue(img.getWidth() >= 800 && img.getHeight() >= 500, img.getWidth() + "x" + img.getHeight());
		t.writeCsv(tmp.resolve("e.csv"));
		assertEquals("a.tif,0,m@0.5,31.6000,0.920000,1.00,A,0.5000", Files.readAllLines(tmp.resolve("e.csv")).get(3));
	}

	@Test
	void bicubicRoundTripOfASmoothImageBeatsNearest() {
		final Plane hr = pattern(128);
		final Plane lr = Resample.downscale(hr, 4);
		final Plane up = Resample.upscale(lr, 4);
		final float[] nn = new float[128 * 128];
		for (int y = 0; y < 128; y++) for (int x = 0; x < 128; x++) nn[y * 128 + x] = lr.get(x / 4, y / 4);
		final double peak = Metrics.range(hr);
		final double bic = Metrics.psnr(hr, up, peak, 4), near = Metrics.psnr(hr, new Plane(128, 128, nn), peak, 4);
		assertTrue(bic > 30, "bicubic " + bic);
		assertTrue(bic > near + 3, "bicubic " + bic + " vs nearest " + near);
	}

	@Test
	void psnrAndSsimOnKnownErrors() {
		final Plane a = pattern(64);
		assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, a, 255, 0));
		final float[] b = a.data().clone();
		for (int i = 0; i < b.length; i++) b[i] += 1;
		assertEquals(10 * Math.log10(255.0 * 255.0), Metrics.psnr(a, new Plane(64, 64, b), 255, 0), 1e-9);
		assertEquals(1, Metrics.ssim(a, a, Metrics.range(a), 2), 1e-9);
		final Random r = new Random(3);
		double last = 1;
		for (final double sigma : new double[] { 5, 20, 80 }) {
			final float[] n = a.data().clone();
			for (int i = 0; i < n.length; i++) n[i] += (float) (sigma * r.nextGaussian());
			final double s = Metrics.ssim(a, new Plane(64, 64, n), Metrics.range(a), 2);
			assertTrue(s < last, sigma + ": " + s + " not below " + last);
			last = s;
		}
	}

	@Test
	void tableWritesCsvSummaryAndPlot() throws Exception {
		final EvalTable t = new EvalTable();
		t.add(new EvalTable.Row("a.dcm", 0, "bicubic", 30, 0.9, 0.01));
		t.add(new EvalTable.Row("a.dcm", 0, "m", 31.5, 0.92, 1.5));
		t.add(new EvalTable.Row("b.tif", 2, "bicubic", 40, 0.95, 0.01));
		t.add(new EvalTable.Row("b.tif", 2, "m", 40.5, 0.96, 1.5));
		final List<EvalTable.Summary> s = t.summary("bicubic");
		assertEquals(1.0, s.get(1).gain(), 1e-12);
		assertEquals(36.0, s.get(1).psnr(), 1e-12);
		assertEquals(0.0, s.get(0).gain(), 1e-12);
		t.writeCsv(tmp.resolve("e.csv"));
		assertEquals(List.of("image,band,method,psnr_db,ssim,seconds,scene,hf_ratio", "a.dcm,0,bicubic,30.0000,0.900000,0.01,,",
			"a.dcm,0,m,31.5000,0.920000,1.50,,", "b.tif,2,bicubic,40.0000,0.950000,0.01,,", "b.tif,2,m,40.5000,0.960000,1.50,,"),
			Files.readAllLines(tmp.resolve("e.csv")), "no high-frequency ratio measured: empty");
		assertTrue(t.markdown("bicubic").contains("| m | 2 | 36.00 | 0.9400 |  | +1.00 |"), t.markdown("bicubic"));
		// per image: a.dcm gains 1.5 dB, b.tif 0.5 dB
		assertEquals(List.of("a.dcm", "b.tif"), t.images());
		assertEquals(1.5, t.summary("bicubic", "a.dcm").get(1).gain(), 1e-12);
		assertEquals(0.5, t.summary("bicubic", "b.tif").get(1).gain(), 1e-12);
		assertTrue(t.markdown("bicubic").contains("b.tif:\n\n| method |"), t.markdown("bicubic"));
		assertTrue(t.markdown("bicubic").contains("| m | 1 | 40.50 | 0.9600 |  | +0.50 |"), t.markdown("bicubic"));
		t.writePlot(tmp.resolve("e.png"), "bicubic", "test");
		final BufferedImage img = ImageIO.read(tmp.resolve("e.png").toFile());
		assertEquals(480, img.getHeight());
		assertTrue(img.getWidth() >= 640);
	}

	@Test
	void scenesCountOnceInTheirMean() {
		final EvalTable t = new EvalTable();
		// scene A: three bands, the model +1 dB over bicubic and +0.5 over the base on each; scene B: one band, -0.2 vs the base
		for (int b = 1; b <= 3; b++) {
			t.add(new EvalTable.Row("a.tif", b, "bicubic", 30, 0.9, 0, "A"));
			t.add(new EvalTable.Row("a.tif", b, "base", 30.5, 0.9, 0, "A"));
			t.add(new EvalTable.Row("a.tif", b, "m", 31, 0.9, 0, "A"));
		}
		t.add(new EvalTable.Row("b.tif", 0, "bicubic", 40, 0.9, 0, "B"));
		t.add(new EvalTable.Row("b.tif", 0, "base", 41, 0.9, 0, "B"));
		t.add(new EvalTable.Row("b.tif", 0, "m", 40.8, 0.9, 0, "B"));
		final List<EvalTable.SceneSummary> s = t.byScene("bicubic", "base");
		final EvalTable.SceneSummary a = s.stream().filter(x -> x.scene().equals("A") && x.method().equals("m")).findFirst().orElseThrow();
		final EvalTable.SceneSummary b = s.stream().filter(x -> x.scene().equals("B") && x.method().equals("m")).findFirst().orElseThrow();
		final EvalTable.SceneSummary mean = s.stream().filter(x -> x.scene().equals(EvalTable.MEAN) && x.method().equals("m")).findFirst().orElseThrow();
		assertEquals(3, a.n());
		assertEquals(1.0, a.overBicubic(), 1e-12);
		assertEquals(0.5, a.overBase(), 1e-12);
		assertEquals(-0.2, b.overBase(), 1e-9);
		assertEquals((1.0 + 0.8) / 2, mean.overBicubic(), 1e-9, "each scene once, not each band");
		assertEquals((0.5 - 0.2) / 2, mean.overBase(), 1e-9);
		assertEquals(List.of("A", "B"), t.scenes());
		assertTrue(t.sceneMarkdown("bicubic", "base").contains("| B | m | 1 | 40.80 | 0.9000 |  | +0.80 | -0.20 |"), t.sceneMarkdown("bicubic", "base"));
	}
}
