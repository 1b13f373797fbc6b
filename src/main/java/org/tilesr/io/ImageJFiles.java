package org.tilesr.io;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;

/** DICOM and TIFF (2D or stack) through ImageJ 1's readers, and TIFF output through its writer. */
public final class ImageJFiles {

	private ImageJFiles() {}

	public static ImagePlus open(final Path file) {
		if (Files.isDirectory(file)) return openSeries(file);
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

	/**
	 * A folder of DICOM slices (or TIFF/PNG planes) as one stack: files ImageJ cannot read are skipped, DICOM slices
	 * sorted by position/instance number, z spacing from the slice positions.
	 */
	static ImagePlus openSeries(final Path dir) {
		final ImagePlus imp;
		try {
			imp = ij.plugin.FolderOpener.open(dir.toAbsolutePath().toString());
		}
		catch (final RuntimeException e) {
			throw new TileSRException(dir, "ImageJ could not read the series (" + e + ")", e);
		}
		if (imp == null || imp.getStackSize() < 1) throw new TileSRException(dir, "holds no image ImageJ can read");
		final String label = imp.getStack().getSliceLabel(1);
		if (label != null && label.contains("0020,0013")) {
			final ij.ImageStack sorted = ij.util.DicomTools.sort(imp.getStack());
			imp.setStack(sorted);
		}
		pixelType(imp, dir);
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

	/** Whether a TIFF was written by ImageJ (its first ImageDescription starts with "ImageJ="). */
	public static boolean isImageJTiff(final Path file) {
		try {
			final ij.io.FileInfo[] fi = new ij.io.TiffDecoder(file.getParent() == null ? "" : file.getParent().toString() + "/",
				file.getFileName().toString()).getTiffInfo();
			return fi != null && fi.length > 0 && fi[0].description != null && fi[0].description.startsWith("ImageJ=");
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** Saves as TIFF through a temporary file in the same folder, renamed into place, so no half file is left. */
	public static void saveTiff(final ImagePlus imp, final Path out, final boolean overwrite) {
		OutputFile.checkWritable(out, overwrite);
		final Path tmp = OutputFile.temp(out, ".tmp");
		try {
			final FileSaver saver = new FileSaver(imp);
			final boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
			if (!ok || Files.size(tmp) == 0) throw new TileSRException(out, "ImageJ could not write the TIFF");
			OutputFile.publish(tmp, out, overwrite);
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot write (" + e.getMessage() + ")", e);
		}
		finally {
			OutputFile.discard(tmp); // gone already after the rename
		}
	}
}
