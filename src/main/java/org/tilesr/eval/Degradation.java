package org.tilesr.eval;

import org.tilesr.core.MemoryRaster;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;

/**
 * How a real high-resolution raster becomes its low-resolution input, for training pairs and evaluation alike:
 * cropped to multiples of s, optionally blurred, bicubic ×1/s ({@link Resample#downscale}), rounded and clamped to
 * the file's type as a real low-resolution file would be.
 */
public final class Degradation {

	/** The high-resolution bands (native units) and the low-resolution raster made from them. */
	public record Pair(Plane[] hr, MemoryRaster lr) {}

	private Degradation() {}

	/** @param blur sigma (HR pixels) of a Gaussian blur before downscaling, 0 for none */
	public static Pair of(final RasterSource src, final int s, final double blur) {
		final RasterInfo i = src.info();
		final int w = i.width() / s * s, h = i.height() / s * s, bands = i.bands();
		final Plane[] hr = new Plane[bands];
		final float[][] lr = new float[bands][];
		for (int b = 0; b < bands; b++) {
			final float[] v = new float[w * h];
			src.read(b, 0, 0, w, h, v);
			hr[b] = new Plane(w, h, v);
			lr[b] = degrade(hr[b], s, blur, i).data();
		}
		return new Pair(hr, new MemoryRaster(new RasterInfo(w / s, h / s, bands, i.type(), i.nodata(), i.groups(), i.valueScale(),
			i.valueOffset()), lr));
	}

	/** The low-resolution version of one plane in native units. */
	public static Plane degrade(final Plane hr, final int s, final double blur, final RasterInfo type) {
		final Plane lr = Resample.downscale(blur > 0 ? Blur.gaussian(hr, blur) : hr, s);
		final float[] v = lr.data();
		for (int k = 0; k < v.length; k++) v[k] = type.type().fit(v[k]);
		return lr;
	}
}
