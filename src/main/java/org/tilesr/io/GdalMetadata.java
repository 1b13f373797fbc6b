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
		return put(dir, null, items);
	}

	/**
	 * Sets the GDAL metadata tag to {@code existing} (another file's tag: band descriptions, scales, offsets...)
	 * with {@code items} added as dataset-level items.
	 */
	public static TIFFDirectory put(final TIFFDirectory dir, final String existing, final Map<String, String> items) {
		String xml = xml(items);
		if (existing != null && existing.contains("</GDALMetadata>")) {
			final String ours = xml.substring(xml.indexOf('\n') + 1, xml.lastIndexOf("</GDALMetadata>"));
			final String kept = existing.replaceAll("\\s*<Item name=\"tilesr\\.[^\"]*\"[^>]*>[^<]*</Item>", "");
			xml = kept.substring(0, kept.lastIndexOf("</GDALMetadata>")) + (kept.contains("\n") ? "" : "\n") + ours + "</GDALMetadata>\n";
		}
		final TIFFTag tag = new TIFFTag("GDAL_METADATA", TAG, 1 << TIFFTag.TIFF_ASCII);
		dir.removeTIFFField(TAG);
		dir.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_ASCII, 1, new String[] { xml }));
		return dir;
	}

	private static String escape(final String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
