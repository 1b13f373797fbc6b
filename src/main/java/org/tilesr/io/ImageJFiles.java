package org.tilesr.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.Plane;

/** DICOM and TIFF (2D or stack) through ImageJ 1's readers, and TIFF output through its writer. */
public final class ImageJFiles {

	private ImageJFiles() {}

	public static ImagePlus open(final Path file) {
		if (!Files.isRegularFile(file)) throw new TileSRException(file, "no such file");
		final ImagePlus imp;
		try {
			imp = new Opener().openImage(file.toAbsolutePath().toString());
		}
		catch (final RuntimeException e) {
			throw new TileSRException(file, "ImageJ could not read it (" + e + ")", e);
		}
		if (imp == null || imp.getWidth() < 1 || imp.getHeight() < 1)
			throw new TileSRException(file, "not a readable image (ImageJ reads DICOM and TIFF; corrupt or unsupported file)");
		pixelType(imp, file);
		checkComplete(imp, file);
		return imp;
	}

	/** ImageJ fills missing pixel data with zeros; a truncated uncompressed file must fail instead. */
	private static void checkComplete(final ImagePlus imp, final Path file) {
		final FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.compression > FileInfo.COMPRESSION_NONE) return;
		final long imageBytes = (long) fi.width * fi.height * fi.getBytesPerPixel();
		final long end;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length
			&& fi.stripOffsets.length > 0)
		{
			final int last = fi.stripOffsets.length - 1;
			end = Integer.toUnsignedLong(fi.stripOffsets[last]) + fi.stripLengths[last]
				+ (fi.nImages - 1) * (imageBytes + fi.getGap());
		}
		else end = fi.getOffset() + fi.nImages * imageBytes + (fi.nImages - 1) * fi.getGap();
		final long size;
		try {
			size = Files.size(file);
		}
		catch (final IOException e) {
			throw new TileSRException(file, "cannot read (" + e.getMessage() + ")", e);
		}
		if (end > size)
			throw new TileSRException(file, "truncated: the header promises " + end + " bytes of pixel data, the file has " + size);
	}

	/** The sample type of an ImagePlus; RGB is refused. */
	public static PixelType pixelType(final ImagePlus imp, final Path file) {
		switch (imp.getBitDepth()) {
			case 8: return PixelType.UINT8;
			case 16: return PixelType.UINT16;
			case 32: return PixelType.FLOAT32;
			default:
				throw new TileSRException(file, "RGB colour images are not supported; split the channels first (Image > Color > Split Channels)");
		}
	}

	/** Plane {@code index} (0-based, over all slices, channels and frames) as raw float values. */
	public static Plane plane(final ImagePlus imp, final int index) {
		final ImageProcessor ip = imp.getStack().getProcessor(index + 1);
		final int n = ip.getPixelCount();
		final float[] f = new float[n];
		final Object px = ip.getPixels();
		if (px instanceof short[] s) for (int i = 0; i < n; i++) f[i] = s[i] & 0xffff;
		else if (px instanceof byte[] b) for (int i = 0; i < n; i++) f[i] = b[i] & 0xff;
		else if (px instanceof float[] a) System.arraycopy(a, 0, f, 0, n);
		else throw new IllegalArgumentException("unsupported pixels " + px.getClass());
		return new Plane(ip.getWidth(), ip.getHeight(), f);
	}

	/** An image of the given type from float planes (already rounded and clamped to the type). */
	public static ImagePlus create(final String title, final PixelType type, final List<Plane> planes) {
		final Plane first = planes.get(0);
		final ImageStack stack = new ImageStack(first.width(), first.height());
		for (final Plane p : planes)
			stack.addSlice(null, processor(type, p));
		return new ImagePlus(title, stack);
	}

	private static ImageProcessor processor(final PixelType type, final Plane p) {
		final float[] v = p.data();
		switch (type) {
			case UINT8: {
				final byte[] b = new byte[v.length];
				for (int i = 0; i < v.length; i++) b[i] = (byte) (int) v[i];
				return new ByteProcessor(p.width(), p.height(), b);
			}
			case UINT16: {
				final short[] s = new short[v.length];
				for (int i = 0; i < v.length; i++) s[i] = (short) (int) v[i];
				return new ShortProcessor(p.width(), p.height(), s, null);
			}
			case FLOAT32:
				return new FloatProcessor(p.width(), p.height(), v);
			default:
				throw new IllegalArgumentException("ImageJ has no " + type + " images");
		}
	}

	/** Refuses to go on when the output exists and overwriting was not asked for. */
	public static void checkWritable(final Path out, final boolean overwrite) {
		if (Files.exists(out) && !overwrite)
			throw new TileSRException(out, "already exists (pass --overwrite to replace it)");
		if (Files.isDirectory(out)) throw new TileSRException(out, "is a folder, not a file");
	}

	/** Saves as TIFF through a temporary file in the same folder, renamed into place, so no half file is left. */
	public static void saveTiff(final ImagePlus imp, final Path out, final boolean overwrite) {
		checkWritable(out, overwrite);
		final Path dir = out.toAbsolutePath().getParent();
		Path tmp = null;
		try {
			Files.createDirectories(dir);
			tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
			final FileSaver saver = new FileSaver(imp);
			final boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
			if (!ok || Files.size(tmp) == 0) throw new TileSRException(out, "ImageJ could not write the TIFF");
			checkWritable(out, overwrite);
			Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			tmp = null;
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot write (" + e.getMessage() + ")", e);
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException e) {
				// best effort; the rename did not happen, so no output exists
			}
		}
	}
}
