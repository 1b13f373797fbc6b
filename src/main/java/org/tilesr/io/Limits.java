package org.tilesr.io;

import java.nio.file.Path;

import org.tilesr.TileSRException;

/**
 * The largest raster TileSR takes, checked from a file's header before anything is allocated: a side of at most
 * 2²⁴ pixels (a row block must fit in memory) and at most {@code TILESR_MAX_PIXELS} samples (default 2³⁶).
 */
public final class Limits {

	public static final long MAX_SIDE = 1L << 24;
	public static final long MAX_PIXELS = maxPixels();

	private Limits() {}

	private static long maxPixels() {
		final String v = System.getenv("TILESR_MAX_PIXELS");
		try {
			return v == null || v.isBlank() ? 1L << 36 : Long.parseLong(v.trim());
		}
		catch (final NumberFormatException e) {
			return 1L << 36;
		}
	}

	/** Refuses a size that is not one, or is over the limits, in one line naming the file. */
	public static void check(final Path file, final long width, final long height, final long samples) {
		if (width < 1 || height < 1 || samples < 1)
			throw new TileSRException(file, "image size " + width + " x " + height + " x " + samples + " is not a size");
		if (width > MAX_SIDE || height > MAX_SIDE)
			throw new TileSRException(file, "image of " + width + " x " + height + " pixels is wider or taller than TileSR's limit of " + MAX_SIDE);
		if ((double) width * height * samples > MAX_PIXELS)
			throw new TileSRException(file, "image of " + width + " x " + height + " x " + samples + " samples is larger than TileSR's limit of "
				+ MAX_PIXELS + " (TILESR_MAX_PIXELS)");
	}
}
