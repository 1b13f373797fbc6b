package org.tilesr.io;

import java.util.Map;

import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;

/** GDAL's metadata TIFF tag (42112): key/value items that {@code gdalinfo} lists; TileSR puts its provenance there. */
public final class GdalMetadata {

	static final int TAG = 42112;

	private GdalMetadata() {}

	public static String xml(final Map<String, String> items) {
		final StringBuilder sb = new StringBuilder("<GDALMetadata>\n");
		for (final var e : items.entrySet())
			sb.append("  <Item name=\"").append(escape(e.getKey())).append("\">").append(escape(e.getValue())).append("</Item>\n");
		return sb.append("</GDALMetadata>\n").toString();
	}

	/** Adds (or replaces) the GDAL metadata tag of a TIFF directory. */
	public static TIFFDirectory put(final TIFFDirectory dir, final Map<String, String> items) {
		final TIFFTag tag = new TIFFTag("GDAL_METADATA", TAG, 1 << TIFFTag.TIFF_ASCII);
		dir.removeTIFFField(TAG);
		dir.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_ASCII, 1, new String[] { xml(items) }));
		return dir;
	}

	private static String escape(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
