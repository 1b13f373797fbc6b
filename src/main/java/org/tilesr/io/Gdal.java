package org.tilesr.io;

import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;

/** GDAL's Java bindings, when their JNI library loads (built by scripts/build-gdal-jni.sh). */
public final class Gdal {

	private static Boolean available;

	private Gdal() {}

	/** Whether the JNI library loaded; registers the drivers once. */
	public static synchronized boolean available() {
		if (available == null) {
			boolean ok;
			try {
				ok = org.gdal.gdal.gdalJNI.isAvailable();
				if (ok) gdal.AllRegister();
			}
			catch (final UnsatisfiedLinkError | NoClassDefFoundError e) {
				ok = false;
			}
			available = ok;
		}
		return available;
	}

	static void require() {
		if (!available())
			throw new TileSRException("GDAL", "the GDAL backend needs libgdalalljni.so on java.library.path (scripts/build-gdal-jni.sh builds it)");
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
