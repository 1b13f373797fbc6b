package org.tilesr.io;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;

/**
 * An ImgLib2 image as a raster, read in place (no copy): axes X, Y and optionally a third axis of bands (channels;
 * each band its own normalization group). 8-bit unsigned, 16-bit signed and unsigned and float images keep their
 * type; any other real type (int, long, double, ...) is computed as float and written back into its own type.
 */
public final class ImgSource<T extends RealType<T>> implements RasterSource {

	private final RandomAccessibleInterval<T> img;
	private final RasterInfo info;

	public ImgSource(final RandomAccessibleInterval<T> img) {
		if (img.numDimensions() < 2 || img.numDimensions() > 3)
			throw new IllegalArgumentException("an image of " + img.numDimensions() + " dimensions; give X, Y and optionally bands");
		if (img.dimension(0) > Integer.MAX_VALUE || img.dimension(1) > Integer.MAX_VALUE || img.numDimensions() == 3 && img.dimension(2) > 65535)
			throw new IllegalArgumentException("an image of " + java.util.Arrays.toString(img.dimensionsAsLongArray()) + " is too large a plane");
		this.img = img;
		final int bands = img.numDimensions() == 3 ? (int) img.dimension(2) : 1;
		final PixelType type = pixelType(img.getType());
		this.info = RasterInfo.of((int) img.dimension(0), (int) img.dimension(1), bands, type, Double.NaN);
	}

	/** The engine's type for an ImgLib2 type: its own for 8/16-bit integers and float, float for the rest. */
	public static PixelType pixelType(final RealType<?> t) {
		if (t instanceof UnsignedByteType) return PixelType.UINT8;
		if (t instanceof UnsignedShortType) return PixelType.UINT16;
		if (t instanceof ShortType) return PixelType.INT16;
		return PixelType.FLOAT32;
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	@Override
	public void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		final RandomAccess<T> ra = img.randomAccess();
		final long x0 = img.min(0) + x;
		if (img.numDimensions() == 3) ra.setPosition(img.min(2) + band, 2);
		int o = 0;
		for (int j = 0; j < h; j++) {
			ra.setPosition(x0, 0);
			ra.setPosition(img.min(1) + y + j, 1);
			for (int i = 0; i < w; i++) {
				dst[o++] = ra.get().getRealFloat();
				ra.fwd(0);
			}
		}
	}
}
