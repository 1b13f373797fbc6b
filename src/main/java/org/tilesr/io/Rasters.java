package org.tilesr.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.core.RasterSource;

/** Which reader a file goes through, in one place for the engine, fine-tuning and evaluation. */
public final class Rasters {

	private Rasters() {}

	/**
	 * Every TIFF's and DICOM file's structure is checked first ({@link TiffCheck}, {@link DicomCheck}), whatever
	 * reader it goes to.
	 * imagej (DICOM by name or content, series folders, ImageJ TIFFs), gdal (anything else when GDAL's JNI loads, or when asked), java
	 * (other TIFFs with the pure-Java reader), or imagej for what is left.
	 *
	 * @param backend auto, gdal or java
	 */
	public static String backend(final Path input, final String backend, final boolean cog) {
		if (Files.isRegularFile(input)) check(input);
		else if (Files.isDirectory(input)) try (java.util.stream.Stream<Path> s = Files.list(input)) {
			s.filter(Files::isRegularFile).forEach(Rasters::check);
		}
		catch (final java.io.IOException | java.io.UncheckedIOException e) {
			throw new TileSRException(input, "cannot list (" + TileSRException.why(e) + ")", e);
		}
		final String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
		final boolean tiff = name.endsWith(".tif") || name.endsWith(".tiff");
		if (name.endsWith(".dcm") || Files.isDirectory(input) || (tiff && ImageJFiles.isImageJTiff(input))
			|| !tiff && Files.isRegularFile(input) && DicomCheck.isDicom(input)) return "imagej"; // DICOM files often have no extension
		if (backend.equals("gdal") || (backend.equals("auto") && Gdal.available())) return "gdal";
		if (cog) throw new TileSRException("--cog", "writing a COG needs the GDAL backend");
		return tiff ? "java" : "imagej";
	}

	/** Structure checks before any third-party decoder sees the file (TIFF and DICOM). */
	private static void check(final Path file) {
		// A DICOM preamble may hold a TIFF header: such a file is checked as a TIFF only when its name says TIFF (then
		// TIFF readers get it)
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		final boolean dicom = DicomCheck.isDicom(file);
		if (dicom) DicomCheck.check(file);
		if (TiffCheck.isTiff(file) && (!dicom || name.endsWith(".tif") || name.endsWith(".tiff"))) TiffCheck.check(file);
	}

	/** The file as a source (read whole into memory through ImageJ, or by windows through GDAL / pure-Java TIFF). */
	public static RasterSource open(final Path file) {
		return RasterFile.open(file, "auto", false).source();
	}
}
