package org.tilesr.eval;

/** A separable Gaussian blur with mirrored borders (the optional extra degradation of training inputs). */
final class Blur {

	private Blur() {}

	static Plane gaussian(final Plane in, final double sigma) {
		final int r = (int) Math.ceil(3 * sigma);
		final double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		final int w = in.width(), h = in.height();
		final float[] a = in.data(), t = new float[a.length], out = new float[a.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double v = 0;
				for (int i = -r; i <= r; i++) v += k[i + r] * a[y * w + org.tilesr.core.Mirror.symmetric(x + i, w)];
				t[y * w + x] = (float) v;
			}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double v = 0;
				for (int i = -r; i <= r; i++) v += k[i + r] * t[org.tilesr.core.Mirror.symmetric(y + i, h) * w + x];
				out[y * w + x] = (float) v;
			}
		return new Plane(w, h, out);
	}

}
