package org.tilesr.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * by {@link Degradation} (as in evaluation); both are normalized exactly as inference normalizes that low-resolution
 * file (the engine's {@link DatasetStats}). A file's scene is its folder. Patches are drawn with a seed and the step
 * number, so a run (and a resumed run) is repeatable: a scene first (each equally often, so a scene with many bands
 * does not dominate), then a plane of it by area, then a window that holds no nodata or fill and is neither flat nor
 * mostly saturated (cloud), then one of the eight flips/rotations.
 */
public final class TrainingData {

	/** One plane, normalized: high resolution (s·w × s·h) and its low-resolution input (w × h), and where it is usable. */
	public record Pair(String scene, String name, Plane hr, Plane lr, Windows windows) {}

	private final List<Pair> pairs;
	private final int scale;
	private final double noise;
	private final boolean augment;
	private final List<List<Pair>> scenes = new ArrayList<>();
	private final List<long[]> areas = new ArrayList<>();

	private TrainingData(final List<Pair> pairs, final int scale, final double noise, final boolean augment) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training planes");
		this.pairs = pairs;
		this.scale = scale;
		this.noise = noise;
		this.augment = augment;
		final Map<String, List<Pair>> by = new LinkedHashMap<>();
		for (final Pair p : pairs) by.computeIfAbsent(p.scene(), k -> new ArrayList<>()).add(p);
		for (final List<Pair> ps : by.values()) {
			scenes.add(ps);
			final long[] c = new long[ps.size()];
			long sum = 0;
			for (int i = 0; i < ps.size(); i++) c[i] = sum += (long) ps.get(i).lr().width() * ps.get(i).lr().height();
			areas.add(c);
		}
	}

	/**
	 * @param blur sigma (HR pixels) of a Gaussian blur before downscaling, 0 for none
	 * @param noise sigma of Gaussian noise added to the normalized LR patches, 0 for none
	 * @param augment draw each patch in one of the eight flips/rotations
	 */
	public static TrainingData load(final List<Path> files, final int scale, final NormalizationSpec spec, final double blur,
		final double noise, final boolean augment, final Cancel cancel)
	{
		return new TrainingData(planes(files, scale, spec, blur, cancel), scale, noise, augment);
	}

	/** Every band of every file as a normalized pair, its scene the file's folder. */
	static List<Pair> planes(final List<Path> files, final int scale, final NormalizationSpec spec, final double blur, final Cancel cancel) {
		final List<Pair> pairs = new ArrayList<>();
		for (final Path f : files)
			try (RasterSource src = Rasters.open(f)) {
				pairs.addAll(pairs(scene(f), f.getFileName().toString(), src, scale, spec, blur, cancel));
			}
			catch (final RuntimeException e) {
				throw e;
			}
			catch (final Exception e) {
				throw new IllegalStateException(f + ": " + e.getMessage(), e);
			}
		return pairs;
	}

	/** A file's scene: the name of its folder (as in evaluation). */
	public static String scene(final Path file) {
		return org.tilesr.eval.Evaluation.scene(file);
	}

	/** Every band of a raster as a normalized training pair. */
	static List<Pair> pairs(final String scene, final String name, final RasterSource src, final int s, final NormalizationSpec spec,
		final double blur, final Cancel cancel)
	{
		final Degradation.Pair d = Degradation.of(src, s, blur);
		final RasterInfo li = d.lr().info();
		final Normalization[] norms = DatasetStats.normalizations(spec, d.lr(), cancel);
		final List<Pair> out = new ArrayList<>();
		for (int b = 0; b < li.bands(); b++) {
			final Windows windows = Windows.of(d.hr()[b], li, s);
			final float[] hr = d.hr()[b].data(), lr = d.lr().band(b).clone();
			normalize(hr, norms[b]);
			normalize(lr, norms[b]);
			out.add(new Pair(scene, name + (li.bands() > 1 ? "#" + (b + 1) : ""), d.hr()[b], new Plane(li.width(), li.height(), lr), windows));
		}
		return out;
	}

	private static void normalize(final float[] v, final Normalization n) {
		for (int k = 0; k < v.length; k++) v[k] = n.forward(v[k]);
	}

	public List<Pair> pairs() {
		return pairs;
	}

	/** The scenes, in the order their files were given. */
	public List<String> scenes() {
		return scenes.stream().map(ps -> ps.get(0).scene()).toList();
	}

	public int scale() {
		return scale;
	}

	/**
	 * Fills one batch, the same for the same (seed, step): {@code lr} [n, 3, p, p] (grayscale replicated to the model's
	 * three channels, as inference does), {@code hr} [n, 1, s·p, s·p]. A window is redrawn (up to twenty times) while
	 * it holds nodata or fill, is flat (HR standard deviation below 0.01, e.g. air around a head) or mostly saturated.
	 * Returns the planes the windows came from.
	 */
	public List<Pair> batch(final long seed, final long step, final int n, final int p, final float[] lr, final float[] hr) {
		final Random r = new Random(mix(seed * 0x9E3779B97F4A7C15L + step));
		final int P = p * scale;
		final List<Pair> drawn = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			Pair pair = null;
			int x = 0, y = 0;
			for (int tries = 0; tries < 20; tries++) {
				pair = pick(r);
				x = r.nextInt(Math.max(1, pair.lr().width() - p + 1));
				y = r.nextInt(Math.max(1, pair.lr().height() - p + 1));
				if (pair.windows().usable(x * scale, y * scale, P) && std(pair.hr(), x * scale, y * scale, P) >= 0.01) break;
			}
			drawn.add(pair);
			final int t = augment ? r.nextInt(8) : 0;
			final float[] l = pair.lr().data(), h = pair.hr().data();
			final int lw = pair.lr().width(), lh = pair.lr().height(), hw = pair.hr().width(), hh = pair.hr().height();
			for (int j = 0; j < p; j++)
				for (int i = 0; i < p; i++) {
					final int si = source(t, i, j, p, true), sj = source(t, i, j, p, false);
					final float v = l[Math.min(y + sj, lh - 1) * lw + Math.min(x + si, lw - 1)] + (noise > 0 ? (float) (noise * r.nextGaussian()) : 0);
					for (int c = 0; c < 3; c++) lr[((k * 3 + c) * p + j) * p + i] = v;
				}
			for (int j = 0; j < P; j++)
				for (int i = 0; i < P; i++) {
					final int si = source(t, i, j, P, true), sj = source(t, i, j, P, false);
					hr[(k * P + j) * P + i] = h[Math.min(y * scale + sj, hh - 1) * hw + Math.min(x * scale + si, hw - 1)];
				}
		}
		return drawn;
	}

	/**
	 * SplitMix64's finalizer: java.util.Random's first draws for seeds that differ by one are strongly correlated (the
	 * scene drawn stayed the same for ~150 steps in a row, and the training loss swung with it), so the (seed, step)
	 * seed is scrambled first.
	 */
	static long mix(final long z0) {
		long z = (z0 ^ (z0 >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Where pixel (i, j) of a size×size patch comes from under flip/rotation t (bit 0: flip x, 1: flip y, 2: transpose). */
	static int source(final int t, final int i, final int j, final int size, final boolean column) {
		final int a = (t & 4) != 0 ? j : i, b = (t & 4) != 0 ? i : j;
		return column ? ((t & 1) != 0 ? size - 1 - a : a) : ((t & 2) != 0 ? size - 1 - b : b);
	}

	private Pair pick(final Random r) {
		final int s = r.nextInt(scenes.size());
		final List<Pair> ps = scenes.get(s);
		final long[] c = areas.get(s);
		final long a = (long) (r.nextDouble() * c[c.length - 1]);
		for (int i = 0; i < c.length; i++) if (a < c[i]) return ps.get(i);
		return ps.get(ps.size() - 1);
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

	/**
	 * Where a high-resolution plane may give training windows: counts (summed-area tables) of unusable pixels —
	 * nodata, NaN, fill (0 in unsigned data whose smallest other value is above 1 % of its maximum: a gap, not a dark
	 * pixel) — and of saturated ones (at or above the plane's 99th percentile; a window mostly of those is cloud or
	 * glare). A window must hold no unusable pixel within s pixels of it (the low-resolution pixels near fill mix it
	 * in) and at most half saturated ones.
	 */
	public record Windows(int width, int height, int margin, int[] bad, int[] bright) {

		static Windows of(final Plane hr, final RasterInfo info, final int s) {
			final float[] v = hr.data();
			final boolean unsigned = info.type() != org.tilesr.core.PixelType.FLOAT32 && info.type() != org.tilesr.core.PixelType.INT16;
			float max = Float.NEGATIVE_INFINITY, minAboveZero = Float.POSITIVE_INFINITY;
			for (final float x : v) {
				if (info.isNodata(x)) continue;
				max = Math.max(max, x);
				if (x > 0) minAboveZero = Math.min(minAboveZero, x);
			}
			final boolean zeroIsFill = unsigned && minAboveZero > 0.01 * max;
			final float[] sorted = v.clone();
			Arrays.sort(sorted);
			final float p99 = sorted[(int) Math.min(sorted.length - 1, Math.round(0.99 * (sorted.length - 1)))];
			final int w = hr.width(), h = hr.height();
			final int[] bad = new int[(w + 1) * (h + 1)], bright = new int[(w + 1) * (h + 1)];
			boolean any = false;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final float a = v[y * w + x];
					final boolean unusable = info.isNodata(a) || (zeroIsFill && a == 0);
					any |= unusable;
					final int i = (y + 1) * (w + 1) + x + 1;
					bad[i] = (unusable ? 1 : 0) + bad[i - 1] + bad[i - w - 1] - bad[i - w - 2];
					bright[i] = (a >= p99 && p99 > sorted[0] ? 1 : 0) + bright[i - 1] + bright[i - w - 1] - bright[i - w - 2];
				}
			return new Windows(w, h, 2 * s, any ? bad : null, bright);
		}

		/** Whether the size×size window at (x, y) may be trained on. */
		boolean usable(final int x, final int y, final int size) {
			if (bad != null && count(bad, x - margin, y - margin, size + 2 * margin) > 0) return false;
			return count(bright, x, y, size) * 2 <= (long) Math.min(size, width - x) * Math.min(size, height - y);
		}

		private int count(final int[] sat, final int x0, final int y0, final int size) {
			final int a = Math.max(0, x0), b = Math.max(0, y0), c = Math.min(width, x0 + size), d = Math.min(height, y0 + size);
			if (c <= a || d <= b) return 0;
			final int w = width + 1;
			return sat[d * w + c] - sat[b * w + c] - sat[d * w + a] + sat[b * w + a];
		}
	}
}
