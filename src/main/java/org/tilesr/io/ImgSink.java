package org.tilesr.io;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.tilesr.core.RasterSink;

/**
 * Writes the engine's output rows into an ImgLib2 image (X, Y[, bands]) of the input's type, band after band. Values
 * arrive rounded to the engine's type; a type the engine does not have (int, double, ...) gets them rounded and
 * clamped to its own range.
 */
public final class ImgSink<T extends RealType<T>> implements RasterSink {

	private final RandomAccessibleInterval<T> out;
	private final long x0, y0;

	/** {@code out}: the image to fill; rows of the engine's output {@code [0, w) x [y0, y0 + rows)} go to its min. */
	public ImgSink(final RandomAccessibleInterval<T> out, final long x0, final long y0) {
		this.out = out;
		this.x0 = x0;
		this.y0 = y0;
	}

	public ImgSink(final RandomAccessibleInterval<T> out) {
		this(out, 0, 0);
	}

	@Override
	public boolean interleaved() {
		return false;
	}

	@Override
	public void write(final int band, final int y, final int rows, final float[] data) {
		final int w = data.length / rows;
		final RandomAccess<T> ra = out.randomAccess();
		final T t = ra.get();
		final boolean integer = t instanceof net.imglib2.type.numeric.IntegerType;
		final double lo = t.getMinValue(), hi = t.getMaxValue();
		if (out.numDimensions() == 3) ra.setPosition(out.min(2) + band, 2);
		for (int j = 0; j < rows; j++) {
			final long oy = y + j - y0;
			if (oy < 0 || oy >= out.dimension(1)) continue;
			ra.setPosition(out.min(1) + oy, 1);
			final long from = Math.max(0, x0), to = Math.min(w, x0 + out.dimension(0));
			ra.setPosition(out.min(0) + from - x0, 0);
			for (long i = from; i < to; i++) {
				final float v = data[(int) (j * (long) w + i)];
				if (integer) ra.get().setReal(Math.max(lo, Math.min(hi, Math.rint(v))));
				else ra.get().setReal(v);
				ra.fwd(0);
			}
		}
	}

	@Override
	public void commit() {}

	@Override
	public void close() {}
}
