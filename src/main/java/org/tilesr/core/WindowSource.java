package org.tilesr.core;

/** A rectangle of a raster, as a raster of its own (a view: reads go to the raster, nothing is copied). */
public final class WindowSource implements RasterSource {

	private final RasterSource src;
	private final int x0, y0;
	private final RasterInfo info;

	public WindowSource(final RasterSource src, final int x0, final int y0, final int width, final int height) {
		final RasterInfo i = src.info();
		if (x0 < 0 || y0 < 0 || width < 1 || height < 1 || x0 + width > i.width() || y0 + height > i.height())
			throw new IllegalArgumentException("window " + x0 + "," + y0 + " " + width + "x" + height + " outside " + i.width() + "x" + i.height());
		this.src = src;
		this.x0 = x0;
		this.y0 = y0;
		this.info = new RasterInfo(width, height, i.bands(), i.type(), i.nodata(), i.groups(), i.valueScale(), i.valueOffset());
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	@Override
	public void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		src.read(band, x0 + x, y0 + y, w, h, dst);
	}
}
