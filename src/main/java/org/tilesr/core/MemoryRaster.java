package org.tilesr.core;

/**
 * A raster held in memory as one float array per band: a source to read and a sink to write (band by band). For
 * the Java API on arrays, for tests and for benchmarks; files go through io.
 */
public final class MemoryRaster implements RasterSource, RasterSink {

	private final RasterInfo info;
	private final float[][] bands;
	private boolean committed;

	public MemoryRaster(final RasterInfo info) {
		this.info = info;
		this.bands = new float[info.bands()][Math.multiplyExact(info.width(), info.height())];
	}

	public MemoryRaster(final RasterInfo info, final float[][] bands) {
		if (bands.length != info.bands()) throw new IllegalArgumentException(bands.length + " arrays for " + info.bands() + " bands");
		for (final float[] b : bands)
			if (b.length != (long) info.width() * info.height()) throw new IllegalArgumentException("band of " + b.length + " values");
		this.info = info;
		this.bands = bands;
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	public float[] band(final int b) {
		return bands[b];
	}

	public float get(final int band, final int x, final int y) {
		return bands[band][y * info.width() + x];
	}

	@Override
	public void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		for (int j = 0; j < h; j++)
			System.arraycopy(bands[band], (y + j) * info.width() + x, dst, j * w, w);
	}

	@Override
	public boolean interleaved() {
		return false;
	}

	@Override
	public void write(final int band, final int y, final int rows, final float[] data) {
		System.arraycopy(data, 0, bands[band], y * info.width(), rows * info.width());
	}

	@Override
	public void commit() {
		committed = true;
	}

	public boolean committed() {
		return committed;
	}

	@Override
	public void close() {}
}
