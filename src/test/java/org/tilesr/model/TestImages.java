package org.tilesr.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.tilesr.core.TileBatch;

/** PNG to and from {@code [1, 3, h, w]} batches in 0..1. */
final class TestImages {

	private TestImages() {}

	static TileBatch readRgb(final Path png) throws IOException {
		final BufferedImage img = ImageIO.read(png.toFile());
		final int w = img.getWidth(), h = img.getHeight();
		final TileBatch b = new TileBatch(1, 3, h, w);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int rgb = img.getRGB(x, y);
				for (int c = 0; c < 3; c++)
					b.data()[b.offset(0, c) + y * w + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
			}
		return b;
	}

	/** Largest difference in 8-bit levels between a model output (clamped, rounded like UpscalerJS) and a PNG. */
	static int maxLevelDifference(final TileBatch out, final TileBatch expected) {
		if (out.height() != expected.height() || out.width() != expected.width())
			throw new AssertionError("size " + out.width() + "x" + out.height() + " vs " + expected.width() + "x" + expected.height());
		int max = 0;
		for (int i = 0; i < out.data().length; i++) {
			final int a = Math.round(Math.max(0, Math.min(1, out.data()[i])) * 255);
			final int b = Math.round(expected.data()[i] * 255);
			max = Math.max(max, Math.abs(a - b));
		}
		return max;
	}

	/** The same batch with channels reversed (RGB to BGR). */
	static TileBatch swapRedBlue(final TileBatch b) {
		final TileBatch s = new TileBatch(b.n(), b.channels(), b.height(), b.width());
		final int plane = b.height() * b.width();
		for (int c = 0; c < 3; c++)
			System.arraycopy(b.data(), b.offset(0, c), s.data(), s.offset(0, 2 - c), plane);
		return s;
	}
}
