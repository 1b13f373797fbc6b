package org.tilesr.io;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;

/** GDAL's Java bindings, when their JNI library loads (built by scripts/build-gdal-jni.sh). */
public final class Gdal {

	private static Boolean available;
	private static String missing;
	private static boolean told;

	private Gdal() {}

	/**
	 * Whether the JNI library loaded; registers the drivers once. GDAL's classes are not touched when the library is
	 * not on {@code java.library.path}: they would print a load failure on stderr.
	 */
	public static synchronized boolean available() {
		if (available == null) {
			final String lib = System.mapLibraryName("gdalalljni");
			final String path = System.getProperty("java.library.path", "");
			boolean ok = false;
			if (Arrays.stream(path.split(File.pathSeparator)).noneMatch(d -> !d.isBlank() && Files.isRegularFile(Path.of(d, lib))))
				missing = lib + " is not on java.library.path (" + path + ")";
			else try {
				ok = org.gdal.gdal.gdalJNI.isAvailable();
				if (ok) {
					// GDAL's own error lines off stderr: TileSR reports each failure once, with GDAL's last message
					if (System.getenv("CPL_LOG") == null)
						gdal.SetConfigOption("CPL_LOG", System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
					gdal.AllRegister();
				}
				else missing = lib + " did not load";
			}
			catch (final UnsatisfiedLinkError | NoClassDefFoundError e) {
				missing = lib + " did not load (" + e.getMessage() + ")";
			}
			available = ok;
		}
		return available;
	}

	/**
	 * One line for the log the first time a GeoTIFF is read or written without GDAL (null when GDAL is there or the
	 * line was given already): why, and what is used instead.
	 */
	public static synchronized String fallbackNote() {
		if (available() || told) return null;
		told = true;
		return "GDAL backend not available: " + missing + "; using the pure-Java TIFF reader and writer"
			+ " (scripts/build-gdal-jni.sh builds the library)";
	}

	static void require() {
		if (!available())
			throw new TileSRException("GDAL", "the GDAL backend needs libgdalalljni.so (" + missing + "; scripts/build-gdal-jni.sh builds it)");
	}

	static PixelType type(final int gdt, final String file) {
		if (gdt == gdalconstConstants.GDT_Byte) return PixelType.UINT8;
		if (gdt == gdalconstConstants.GDT_Int16) return PixelType.INT16;
		if (gdt == gdalconstConstants.GDT_UInt16) return PixelType.UINT16;
		if (gdt == gdalconstConstants.GDT_Float32) return PixelType.FLOAT32;
		throw new TileSRException(file, "GDAL data type " + gdal.GetDataTypeName(gdt) + " is not supported (Byte, Int16, UInt16, Float32 are)");
	}

	static int gdt(final PixelType t) {
		switch (t) {
			case UINT8: return gdalconstConstants.GDT_Byte;
			case INT16: return gdalconstConstants.GDT_Int16;
			case UINT16: return gdalconstConstants.GDT_UInt16;
			default: return gdalconstConstants.GDT_Float32;
		}
	}
}
