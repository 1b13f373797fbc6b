package org.tilesr.core;

/** A raster read by windows, so images larger than memory can be processed. Implementations live in io. */
public interface RasterSource extends AutoCloseable {

	RasterInfo info();

	/** Reads a window of one band, inside the raster, into {@code dst} (row-major, {@code w * h} values). */
	void read(int band, int x, int y, int w, int h, float[] dst);

	@Override
	default void close() {}
}
