package org.tilesr.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Makes the pictures in docs/: the IJ1 command's dialog (a real window, so run under Xvfb) and a before/after crop
 * of a real scan (bicubic ×4 next to TileSR ×4). usage: Screenshots OUT_DIR SCAN TILESR_X4_TIFF
 */
public final class Screenshots {

	private Screenshots() {}

	public static void main(final String[] args) throws Exception {
		final File dir = new File(args[0]);
		dir.mkdirs();
		beforeAfter(IJ.openImage(args[1]), IJ.openImage(args[2]), new File(dir, "before-after.png"));
		final Window dialog = DialogProbe.open();
		final Rectangle r = dialog.getBounds();
		ImageIO.write(new Robot().createScreenCapture(r), "png", new File(dir, "enhance-file-dialog.png"));
		System.exit(0);
	}

	/** A 400×400 crop at ×4 scale: bicubic on the left, TileSR on the right, same display range. */
	static void beforeAfter(final ImagePlus src, final ImagePlus res, final File png) throws Exception {
		final ImageProcessor p = src.getProcessor();
		p.setInterpolationMethod(ImageProcessor.BICUBIC);
		final ImageProcessor up = p.resize(p.getWidth() * 4, p.getHeight() * 4);
		final int x = 300, y = 300, w = 400, h = 400;
		up.setRoi(x, y, w, h);
		final ImageProcessor a = up.crop();
		final ImageProcessor q = res.getProcessor();
		q.setRoi(x, y, w, h);
		final ImageProcessor b = q.crop();
		final ShortProcessor both = new ShortProcessor(2 * w + 8, h);
		both.insert(a, 0, 0);
		both.insert(b, w + 8, 0);
		a.resetMinAndMax();
		both.setMinAndMax(a.getMin(), a.getMax());
		final BufferedImage img = both.convertToByteProcessor(true).getBufferedImage();
		ImageIO.write(img, "png", png);
	}
}
