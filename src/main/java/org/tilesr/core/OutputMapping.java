package org.tilesr.core;

/**
 * The last stage: blended values back to the output's type: the band's normalization inverted, rounded and clamped
 * to the type; pixels without data become the raster's nodata (0 for integer types without one).
 */
final class OutputMapping {

	private final PixelType type;
	private final float fill;

	OutputMapping(final RasterInfo info) {
		this.type = info.type();
		final float nodata = info.hasNodata() ? (float) info.nodata() : Float.NaN;
		this.fill = type.isInteger() && Float.isNaN(nodata) ? 0 : nodata;
	}

	/** In place: normalized values (NaN: no data) to stored values of the type. */
	void apply(final float[] v, final Normalization n) {
		for (int k = 0; k < v.length; k++)
			v[k] = Float.isNaN(v[k]) ? fill : type.fit(n.inverse(v[k]));
	}
}
