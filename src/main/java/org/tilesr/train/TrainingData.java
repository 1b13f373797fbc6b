package org.tilesr.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.tilesr.core.Cancel;
import org.tilesr.core.DatasetStats;
import org.tilesr.core.Normalization;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;
import org.tilesr.eval.Plane;
import org.tilesr.eval.Degradation;
import org.tilesr.io.Rasters;

/**
 * Training pairs from real rasters: every band/slice of every file is a plane; its low-resolution version is made
 * by {@link Degradation} (as in evaluation); both are normalized exactly as inference normalizes that low-resolution file (the engine's
 * {@link DatasetStats}). Patches are drawn with a seed and the step number, so a run (and a resumed run) is
 * repeatable.
 */
public final class TrainingData {

	/** One plane, normalized: high resolution (s·w × s·h) and its low-resolution input (w × h). */
	public record Pair(String name, Plane hr, Plane lr) {}

	private final List<Pair> pairs;
	private final int scale;
	private final double noise;
	private final long[] cumulative;

	private TrainingData(final List<Pair> pairs, final int scale, final double noise) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training planes");
		this.pairs = pairs;
		this.scale = scale;
		this.noise = noise;
		this.cumulative = new long[pairs.size()];
		long sum = 0;
		for (int i = 0; i < pairs.size(); i++) cumulative[i] = sum += (long) pairs.get(i).lr().width() * pairs.get(i).lr().height();
	}

	/**
	 * @param blur sigma (HR pixels) of a Gaussian blur before downscaling, 0 for none
	 * @param noise sigma of Gaussian noise added to the normalized LR patches, 0 for none
	 */
	public static TrainingData load(final List<Path> files, final int scale, final NormalizationSpec spec, final double blur,
		final double noise, final Cancel cancel)
	{
		final List<Pair> pairs = new ArrayList<>();
		for (final Path f : files)
			try (RasterSource src = Rasters.open(f)) {
				pairs.addAll(pairs(f.getFileName().toString(), src, scale, spec, blur, cancel));
			}
			catch (final RuntimeException e) {
				throw e;
			}
			catch (final Exception e) {
				throw new IllegalStateException(f + ": " + e.getMessage(), e);
			}
		return new TrainingData(pairs, scale, noise);
	}

	/** Every band of a raster as a normalized training pair. */
	static List<Pair> pairs(final String name, final RasterSource src, final int s, final NormalizationSpec spec, final double blur,
		final Cancel cancel)
	{
		final Degradation.Pair d = Degradation.of(src, s, blur);
		final RasterInfo li = d.lr().info();
		final Normalization[] norms = DatasetStats.normalizations(spec, d.lr(), cancel);
		final List<Pair> out = new ArrayList<>();
		for (int b = 0; b < li.bands(); b++) {
			final float[] hr = d.hr()[b].data(), lr = d.lr().band(b).clone();
			normalize(hr, norms[b]);
			normalize(lr, norms[b]);
			out.add(new Pair(name + (li.bands() > 1 ? "#" + (b + 1) : ""), d.hr()[b], new Plane(li.width(), li.height(), lr)));
		}
		return out;
	}

	private static void normalize(final float[] v, final Normalization n) {
		for (int k = 0; k < v.length; k++) v[k] = n.forward(v[k]);
	}

	public List<Pair> pairs() {
		return pairs;
	}

	public int scale() {
		return scale;
	}

	/**
	 * Fills one batch, the same for the same (seed, step): {@code lr} [n, 3, p, p] (grayscale replicated to the model's
	 * three channels, as inference does), {@code hr} [n, 1, s·p, s·p]. Planes are drawn by area; flat patches (HR
	 * standard deviation below 0.01, e.g. air around a head) are redrawn up to ten times.
	 */
	public void batch(final long seed, final long step, final int n, final int p, final float[] lr, final float[] hr) {
		final Random r = new Random(seed * 0x9E3779B97F4A7C15L + step);
		final int P = p * scale;
		for (int k = 0; k < n; k++) {
			Pair pair = null;
			int x = 0, y = 0;
			for (int tries = 0; tries < 10; tries++) {
				pair = pick(r);
				x = r.nextInt(Math.max(1, pair.lr().width() - p + 1));
				y = r.nextInt(Math.max(1, pair.lr().height() - p + 1));
				if (std(pair.hr(), x * scale, y * scale, P) >= 0.01) break;
			}
			final float[] l = pair.lr().data(), h = pair.hr().data();
			final int lw = pair.lr().width(), hw = pair.hr().width();
			for (int j = 0; j < p; j++)
				for (int i = 0; i < p; i++) {
					final float v = l[(y + Math.min(j, pair.lr().height() - 1 - y)) * lw + x + Math.min(i, lw - 1 - x)]
						+ (noise > 0 ? (float) (noise * r.nextGaussian()) : 0);
					for (int c = 0; c < 3; c++) lr[((k * 3 + c) * p + j) * p + i] = v;
				}
			for (int j = 0; j < P; j++)
				for (int i = 0; i < P; i++)
					hr[(k * P + j) * P + i] = h[(y * scale + Math.min(j, pair.hr().height() - 1 - y * scale)) * hw + x * scale
						+ Math.min(i, hw - 1 - x * scale)];
		}
	}

	private Pair pick(final Random r) {
		final long a = (long) (r.nextDouble() * cumulative[cumulative.length - 1]);
		for (int i = 0; i < cumulative.length; i++) if (a < cumulative[i]) return pairs.get(i);
		return pairs.get(pairs.size() - 1);
	}

	private static double std(final Plane p, final int x0, final int y0, final int size) {
		double s = 0, q = 0;
		int n = 0;
		for (int y = y0; y < Math.min(p.height(), y0 + size); y++)
			for (int x = x0; x < Math.min(p.width(), x0 + size); x++) {
				final double v = p.data()[y * p.width() + x];
				s += v;
				q += v * v;
				n++;
			}
		return n == 0 ? 0 : Math.sqrt(Math.max(0, q / n - (s / n) * (s / n)));
	}
}
