package org.tilesr.eval;

/**
 * Image quality against a reference, per band, in the data's own units: PSNR with the reference's range as peak,
 * and SSIM (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03, L = the same peak). Both skip a
 * border of {@code border} pixels, where every method only extrapolates. {@link #hfRatio} measures fine detail
 * against the reference's (the perceptual side of the trade-off).
 */
public final class Metrics {

	private Metrics() {}

	/** max − min of a plane. */
	public static double range(final Plane p) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final float v : p.data()) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		return hi - lo;
	}

	public static double psnr(final Plane ref, final Plane test, final double peak, final int border) {
		check(ref, test, border);
		double se = 0;
		long n = 0;
		for (int y = border; y < ref.height() - border; y++)
			for (int x = border; x < ref.width() - border; x++) {
				final double d = ref.get(x, y) - (double) test.get(x, y);
				se += d * d;
				n++;
			}
		return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / (se / n));
	}

	public static double ssim(final Plane ref, final Plane test, final double peak, final int border) {
		check(ref, test, border);
		final int r = 5, w = ref.width() - 2 * border, h = ref.height() - 2 * border;
		if (w < 2 * r + 1 || h < 2 * r + 1) throw new IllegalArgumentException("plane too small for an 11x11 SSIM window");
		final double[] g = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += g[i + r] = Math.exp(-i * i / (2 * 1.5 * 1.5));
		for (int i = 0; i < g.length; i++) g[i] /= sum;
		final double c1 = Math.pow(0.01 * peak, 2), c2 = Math.pow(0.03 * peak, 2);
		double total = 0;
		long n = 0;
		for (int y = border + r; y < ref.height() - border - r; y++)
			for (int x = border + r; x < ref.width() - border - r; x++) {
				double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
				for (int j = -r; j <= r; j++)
					for (int i = -r; i <= r; i++) {
						final double k = g[i + r] * g[j + r], a = ref.get(x + i, y + j), b = test.get(x + i, y + j);
						mx += k * a;
						my += k * b;
						xx += k * a * a;
						yy += k * b * b;
						xy += k * a * b;
					}
				final double vx = xx - mx * mx, vy = yy - my * my, cov = xy - mx * my;
				total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
				n++;
			}
		return total / n;
	}

	/**
	 * The high-frequency ratio: how much fine detail an image has compared with the reference, as the energy of its
	 * part above the low-resolution band over the same for the reference. The part above the band is what bicubic
	 * ×1/s then ×s removes ({@code x − up(down(x))}, the degradation's own filter), summed over the pixels inside
	 * {@code border}. 1: as much detail as the reference; below 1 smoother (bicubic is near 0, fidelity models lie
	 * between); above 1 more than the reference. It needs no pretrained network and says nothing about whether the
	 * detail is right: PSNR and SSIM say that, so the two together give the perception–distortion trade-off.
	 */
	public static double hfRatio(final Plane ref, final Plane test, final int scale, final int border) {
		check(ref, test, border);
		return hfEnergy(test, scale, border) / hfEnergy(ref, scale, border);
	}

	/** Sum of squares of {@code x − up(down(x))} (bicubic, factor {@code scale}) inside {@code border}; see {@link #hfRatio}. */
	public static double hfEnergy(final Plane p, final int scale, final int border) {
		final Plane back = Resample.upscale(Resample.downscale(p, scale), scale);
		double e = 0;
		for (int y = border; y < back.height() - border; y++)
			for (int x = border; x < back.width() - border; x++) {
				final double d = p.get(x, y) - (double) back.get(x, y);
				e += d * d;
			}
		return e;
	}

	private static void check(final Plane a, final Plane b, final int border) {
		if (a.width() != b.width() || a.height() != b.height())
			throw new IllegalArgumentException(a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
		if (border < 0 || 2 * border >= Math.min(a.width(), a.height())) throw new IllegalArgumentException("border " + border);
	}
}
