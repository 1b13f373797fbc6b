package org.tilesr.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.tilesr.core.PixelType;
import org.tilesr.core.RasterSink;

/** Builds the output as an ImageJ image in memory (one band after the other), for Fiji and for ImageJ TIFFs. */
public final class ImagePlusSink implements RasterSink {

	private final ImageStack stack;
	private final String title;
	private boolean committed;

	public ImagePlusSink(final String title, final int width, final int height, final int bands, final PixelType type) {
		this.title = title;
		this.stack = new ImageStack(width, height);
		for (int b = 0; b < bands; b++)
			stack.addSlice(null, processor(type, width, height));
	}

	private static ImageProcessor processor(final PixelType type, final int w, final int h) {
		switch (type) {
			case UINT8: return new ByteProcessor(w, h);
			case UINT16: return new ShortProcessor(w, h);
			case FLOAT32: return new FloatProcessor(w, h);
			default: throw new IllegalArgumentException("ImageJ has no " + type + " images");
		}
	}

	@Override
	public boolean interleaved() {
		return false;
	}

	@Override
	public void write(final int band, final int y, final int rows, final float[] data) {
		final Object px = stack.getPixels(band + 1);
		final int off = y * stack.getWidth(), n = rows * stack.getWidth();
		if (px instanceof short[] s) for (int i = 0; i < n; i++) s[off + i] = (short) (int) data[i];
		else if (px instanceof byte[] b) for (int i = 0; i < n; i++) b[off + i] = (byte) (int) data[i];
		else System.arraycopy(data, 0, (float[]) px, off, n);
	}

	@Override
	public void commit() {
		committed = true;
	}

	/** The finished image (after {@link #commit()}). */
	public ImagePlus image() {
		if (!committed) throw new IllegalStateException("not committed");
		return new ImagePlus(title, stack);
	}

	@Override
	public void close() {}
}
