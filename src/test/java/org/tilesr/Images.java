package org.tilesr;

import ij.ImagePlus;
import ij.process.ImageProcessor;

/** Measurements on ImageJ images for tests. */
public final class Images {

	private Images() {}

	/** Area-average downscale of a processor by an integer factor, as doubles. */
	public static double[] areaDownscale(final ImageProcessor ip, final int s) {
		final int w = ip.getWidth() / s, h = ip.getHeight() / s;
		final double[] out = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int j = 0; j < s; j++)
					for (int i = 0; i < s; i++)
						sum += ip.getf(x * s + i, y * s + j);
				out[y * w + x] = sum / (s * s);
			}
		return out;
	}

	/** PSNR in dB with the reference's own value range (max - min) as peak. */
	public static double psnr(final double[] reference, final double[] test) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, se = 0;
		for (int i = 0; i < reference.length; i++) {
			min = Math.min(min, reference[i]);
			max = Math.max(max, reference[i]);
			final double d = reference[i] - test[i];
			se += d * d;
		}
		final double mse = se / reference.length;
		return 10 * Math.log10((max - min) * (max - min) / mse);
	}

	public static double[] values(final ImageProcessor ip) {
		final double[] v = new double[ip.getPixelCount()];
		for (int i = 0; i < v.length; i++)
			v[i] = ip.getf(i);
		return v;
	}

	public static ImagePlus open(final java.nio.file.Path p) {
		final ImagePlus imp = new ij.io.Opener().openImage(p.toString());
		if (imp == null) throw new AssertionError("ImageJ cannot open " + p);
		return imp;
	}
}
