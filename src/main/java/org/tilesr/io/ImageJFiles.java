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
		final StringBuilder said = new StringBuilder();
		try {
			imp = read(() -> new Opener().openImage(file.toAbsolutePath().toString()), said);
		}
		catch (final RuntimeException e) {
			throw new TileSRException(file, "ImageJ could not read it (" + e + ")", e);
		}
		if (imp == null || imp.getWidth() < 1 || imp.getHeight() < 1)
			throw new TileSRException(file, "not a readable image (ImageJ reads DICOM and TIFF; corrupt or unsupported file"
				+ (said.isEmpty() ? "" : "; ImageJ says: " + said.toString().strip()) + ")");
		rescaleSlope(imp, file);
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
		final StringBuilder said = new StringBuilder();
		try {
			imp = read(() -> ij.plugin.FolderOpener.open(dir.toAbsolutePath().toString()), said);
		}
		catch (final RuntimeException e) {
			throw new TileSRException(dir, "ImageJ could not read the series (" + e + ")", e);
		}
		if (imp == null || imp.getStackSize() < 1)
			throw new TileSRException(dir, "holds no image ImageJ can read" + (said.isEmpty() ? "" : " (ImageJ says: " + said.toString().strip() + ")"));
		final String label = imp.getStack().getSliceLabel(1);
		if (label != null && label.contains("0020,0013")) {
			final ij.ImageStack sorted = ij.util.DicomTools.sort(imp.getStack());
			imp.setStack(sorted);
		}
		rescaleSlope(imp, dir);
		pixelType(imp, dir);
		return imp;
	}

	/**
	 * Runs an ImageJ reader {@link #quietly}, with its DICOM rescale slope left to TileSR: ImageJ applies a slope with
	 * menu commands, which fail without its GUI. ImageJ's preferences are global: they are set and restored under
	 * the same lock in every TileSR read.
	 */
	private static ImagePlus read(final java.util.function.Supplier<ImagePlus> reader, final StringBuilder said) {
		synchronized (ImageJFiles.class) {
			final boolean ignoreSlope = ij.Prefs.ignoreRescaleSlope, asFloat = ij.Prefs.openDicomsAsFloat;
			try {
				ij.Prefs.ignoreRescaleSlope = true;
				ij.Prefs.openDicomsAsFloat = false;
				return quietly(reader, said);
			}
			finally {
				ij.Prefs.ignoreRescaleSlope = ignoreSlope;
				ij.Prefs.openDicomsAsFloat = asFloat;
			}
		}
	}

	/**
	 * Runs an ImageJ reader with what it prints kept in {@code said} instead of on stdout. Without its GUI, ImageJ
	 * prints its log and error messages ("Unable to decode DICOM header.") to stdout, several lines per bad file;
	 * TileSR reports each failure once, with ImageJ's words as the reason. With a GUI they go to its Log window.
	 */
	static <T> T quietly(final java.util.function.Supplier<T> reader, final StringBuilder said) {
		if (ij.IJ.getInstance() != null) return reader.get();
		synchronized (ImageJFiles.class) {
			final java.io.PrintStream out = System.out;
			final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
			System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
			try {
				return reader.get();
			}
			finally {
				System.setOut(out);
				buf.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().limit(3)
					.forEach(l -> said.append(said.isEmpty() ? "" : " ").append(l));
			}
		}
	}

	/**
	 * A DICOM rescale slope other than 1 as the calibration (real = slope × stored + intercept, where ImageJ holds
	 * signed 16-bit data as stored + 32768).
	 */
	private static void rescaleSlope(final ImagePlus imp, final Path file) {
		final double slope = tag(imp, 1, "0028,1053", 1), intercept = tag(imp, 1, "0028,1052", 0);
		for (int i = 2; i <= imp.getStackSize(); i++)
			if (tag(imp, i, "0028,1053", 1) != slope || slope != 1 && tag(imp, i, "0028,1052", 0) != intercept)
				throw new TileSRException(file, "its slices have different DICOM rescale slopes or intercepts; enhance them one by one");
		if (slope == 1 || imp.getBitDepth() == 32) return;
		if (!Double.isFinite(slope) || slope == 0) throw new TileSRException(file, "DICOM rescale slope " + slope + " is not usable");
		final ij.measure.Calibration cal = imp.getCalibration();
		final FileInfo fi = imp.getOriginalFileInfo();
		final double off = fi != null && fi.fileType == FileInfo.GRAY16_SIGNED ? 32768 : 0;
		cal.setFunction(ij.measure.Calibration.STRAIGHT_LINE, new double[] { intercept - slope * off, slope },
			cal.getValueUnit() == null || cal.getValueUnit().equals("Gray Value") ? "" : cal.getValueUnit());
	}

	/** A tag's value in a DICOM header as ImageJ lists it ("0028,1053  Rescale Slope: 2"), or null. */
	private static String labelTag(final String header, final String tag) {
		return header.lines().filter(l -> l.startsWith(tag)).findFirst().map(l -> l.indexOf(':') < 0 ? null : l.substring(l.indexOf(':') + 1))
			.orElse(null);
	}

	/** A numeric DICOM tag of one slice (1-based), from its label or the image info. */
	private static double tag(final ImagePlus imp, final int slice, final String tag, final double missing) {
		final String label = imp.getStackSize() > 1 ? imp.getStack().getSliceLabel(slice) : null;
		final String inLabel = label == null ? null : labelTag(label, tag);
		final String v = inLabel != null ? inLabel : ij.util.DicomTools.getTag(imp, tag);
		if (v == null || v.isBlank()) return missing;
		try {
			return Double.parseDouble(v.trim().split("\\\\")[0].trim());
		}
		catch (final NumberFormatException e) {
			return missing;
		}
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
			throw new TileSRException(file, "cannot read (" + TileSRException.why(e) + ")", e);
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
			final StringBuilder said = new StringBuilder();
			final boolean ok = quietly(() -> imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString()), said);
			if (!ok || Files.size(tmp) == 0)
				throw new TileSRException(out, "ImageJ could not write the TIFF" + (said.isEmpty() ? "" : " (" + said.toString().strip() + ")"));
			OutputFile.publish(tmp, out, overwrite);
		}
		catch (final IOException e) {
			throw new TileSRException(out, "cannot write (" + TileSRException.why(e) + ")", e);
		}
		finally {
			OutputFile.discard(tmp); // gone already after the rename
		}
	}
}
