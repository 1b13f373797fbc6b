package org.tilesr.eval;

/**
 * Bicubic resampling by an integer factor, as MATLAB's {@code imresize(..., 'bicubic')} does it: Keys' cubic
 * (a = −0.5), pixel centres mapped by {@code x = (o + 0.5)·f − 0.5}, symmetric borders; downscaling stretches the
 * kernel by the factor (antialiasing). This is the degradation that makes low-resolution inputs from real
 * high-resolution data (training and evaluation), and the bicubic baseline.
 */
public final class Resample {

	private Resample() {}

	/** ×1/s with antialiasing; the plane is first cropped to multiples of s (right and bottom edges). */
	public static Plane downscale(final Plane hr, final int s) {
		if (s < 1) throw new IllegalArgumentException("scale " + s);
		final int w = hr.width() / s, h = hr.height() / s;
		if (w < 1 || h < 1) throw new IllegalArgumentException(hr.width() + "x" + hr.height() + " is smaller than the scale " + s);
		return separable(hr, w, h, s, true);
	}

	/** ×s, plain bicubic (the baseline every model must beat). */
	public static Plane upscale(final Plane lr, final int s) {
		if (s < 1) throw new IllegalArgumentException("scale " + s);
		if (s == 1) return new Plane(lr.width(), lr.height(), lr.data().clone());
		return separable(lr, lr.width() * s, lr.height() * s, s, false);
	}

	private static Plane separable(final Plane in, final int w, final int h, final int s, final boolean down) {
		final int iw = in.width(), ih = in.height();
		final Weights cx = new Weights(iw, w, s, down), cy = new Weights(ih, h, s, down);
		final float[] a = in.data(), t = new float[ih * w], out = new float[w * h];
		for (int y = 0; y < ih; y++)
			for (int x = 0; x < w; x++) {
				double v = 0;
				for (int k = 0; k < cx.taps; k++) v += cx.w[x * cx.taps + k] * a[y * iw + cx.i[x * cx.taps + k]];
				t[y * w + x] = (float) v;
			}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double v = 0;
				for (int k = 0; k < cy.taps; k++) v += cy.w[y * cy.taps + k] * t[cy.i[y * cy.taps + k] * w + x];
				out[y * w + x] = (float) v;
			}
		return new Plane(w, h, out);
	}

	/** Keys' cubic convolution kernel, a = −0.5. */
	static double cubic(final double x) {
		final double t = Math.abs(x);
		if (t <= 1) return (1.5 * t - 2.5) * t * t + 1;
		if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
		return 0;
	}

	/** Source indices (mirrored) and normalized weights of every output pixel along one axis. */
	private static final class Weights {
		final int taps;
		final int[] i;
		final double[] w;

		Weights(final int n, final int outN, final int s, final boolean down) {
			final double stretch = down ? s : 1;
			taps = (int) Math.ceil(4 * stretch) + 1;
			i = new int[outN * taps];
			w = new double[outN * taps];
			for (int o = 0; o < outN; o++) {
				final double x = down ? (o + 0.5) * s - 0.5 : (o + 0.5) / s - 0.5;
				final int first = (int) Math.floor(x - 2 * stretch) + 1;
				double sum = 0;
				for (int k = 0; k < taps; k++) {
					final int j = first + k;
					final double v = cubic((x - j) / stretch);
					i[o * taps + k] = org.tilesr.core.Mirror.symmetric(j, n);
					w[o * taps + k] = v;
					sum += v;
				}
				for (int k = 0; k < taps; k++) w[o * taps + k] /= sum;
			}
		}
	}

}
