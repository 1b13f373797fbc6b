package org.tilesr.core;

import java.util.Arrays;

/**
 * What the engine needs to know of a raster: size, bands, sample type, nodata, which bands share a normalization
 * (slices of one channel do; spectral bands do not), and the linear map from stored to real values (DICOM
 * rescale slope/intercept: real = offset + scale * stored).
 */
public record RasterInfo(int width, int height, int bands, PixelType type, double nodata, int[] groups,
	double valueScale, double valueOffset)
{

	public RasterInfo {
		if (width < 1 || height < 1 || bands < 1) throw new IllegalArgumentException("empty raster " + width + "x" + height + "x" + bands);
		if (groups.length != bands) throw new IllegalArgumentException(groups.length + " groups for " + bands + " bands");
		groups = groups.clone();
		if (valueScale == 0 || Double.isNaN(valueScale)) throw new IllegalArgumentException("value scale " + valueScale);
	}

	/** Every band its own normalization group, stored values are real values. */
	public static RasterInfo of(final int width, final int height, final int bands, final PixelType type, final double nodata) {
		final int[] g = new int[bands];
		Arrays.setAll(g, i -> i);
		return new RasterInfo(width, height, bands, type, nodata, g, 1, 0);
	}

	public boolean hasNodata() {
		return !Double.isNaN(nodata);
	}

	/** Nodata, or NaN or ±Inf (never data: they would spread through the statistics and the network). */
	public boolean isNodata(final float v) {
		return !Float.isFinite(v) || v == nodata;
	}

	public int groupCount() {
		return Arrays.stream(groups).max().orElse(-1) + 1;
	}

	@Override
	public int[] groups() {
		return groups.clone();
	}

	public int group(final int band) {
		return groups[band];
	}

	/** Real value (e.g. HU) of a stored value. */
	public double real(final double stored) {
		return valueOffset + valueScale * stored;
	}

	/** Stored value of a real value. */
	public double stored(final double real) {
		return (real - valueOffset) / valueScale;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof RasterInfo r && r.width == width && r.height == height && r.bands == bands && r.type == type
			&& Double.compare(r.nodata, nodata) == 0 && Arrays.equals(r.groups, groups) && r.valueScale == valueScale
			&& r.valueOffset == valueOffset;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(groups) * 31 + java.util.Objects.hash(width, height, bands, type, nodata, valueScale, valueOffset);
	}
}
