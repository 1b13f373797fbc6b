package org.tilesr.io;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import java.nio.file.Path;

import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;

/**
 * An ImageJ image (2D, stack or hyperstack) as a raster, without copying it: every stack plane is a band; planes
 * of one channel share a normalization group (slices and time points are one dataset); a straight-line value
 * calibration (DICOM rescale slope/intercept) gives real values.
 */
public final class ImagePlusSource implements RasterSource {

	private final ImagePlus imp;
	private final RasterInfo info;

	public ImagePlusSource(final ImagePlus imp, final Path file) {
		this.imp = imp;
		final int bands = imp.getStackSize();
		final int[] groups = new int[bands];
		for (int i = 0; i < bands; i++)
			groups[i] = imp.isHyperStack() || imp.getNChannels() > 1 ? imp.convertIndexToPosition(i + 1)[0] - 1 : 0;
		final PixelType type = ImageJFiles.pixelType(imp, file);
		final Calibration cal = imp.getCalibration();
		double scale = 1, offset = 0;
		final double[] k = cal.getCoefficients();
		if (cal.getFunction() == Calibration.STRAIGHT_LINE && k != null && k.length >= 2 && k[1] != 0) {
			offset = k[0];
			scale = k[1];
		}
		this.info = new RasterInfo(imp.getWidth(), imp.getHeight(), bands, type, GeoImages.storedNodata(imp), groups, scale, offset);
	}

	/** The image's calibration and DICOM header (its image info) in TileSR's metadata model. */
	public RasterMetadata describe() {
		final String info = imp.getInfoProperty();
		final boolean dicom = info != null && info.contains("0028,0030");
		return new RasterMetadata(null, 0, null, Double.NaN, null, null, null, imp.getCalibration().copy(), dicom ? info : null);
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	@Override
	public void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		final ImageProcessor ip = imp.getStack().getProcessor(band + 1);
		final Object px = ip.getPixels();
		final int width = imp.getWidth();
		int o = 0;
		for (int j = 0; j < h; j++) {
			final int row = (y + j) * width + x;
			if (px instanceof short[] s) for (int i = 0; i < w; i++) dst[o++] = s[row + i] & 0xffff;
			else if (px instanceof byte[] b) for (int i = 0; i < w; i++) dst[o++] = b[row + i] & 0xff;
			else if (px instanceof float[] f) {
				System.arraycopy(f, row, dst, o, w);
				o += w;
			}
			else throw new IllegalArgumentException("unsupported pixels " + px.getClass().getSimpleName());
		}
	}
}
