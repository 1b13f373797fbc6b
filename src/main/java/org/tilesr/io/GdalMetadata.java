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
		return xml(items, new String[0]);
	}

	/** Dataset items and band descriptions (null entries skipped) as GDAL's metadata XML. */
	public static String xml(final Map<String, String> items, final String[] descriptions) {
		final StringBuilder sb = new StringBuilder("<GDALMetadata>\n");
		for (final var e : items.entrySet())
			sb.append("  <Item name=\"").append(escape(e.getKey())).append("\">").append(escape(e.getValue())).append("</Item>\n");
		for (int b = 0; b < descriptions.length; b++)
			if (descriptions[b] != null && !descriptions[b].isEmpty())
				sb.append("  <Item name=\"DESCRIPTION\" sample=\"").append(b).append("\" role=\"description\">").append(escape(descriptions[b])).append("</Item>\n");
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

	private static final java.util.regex.Pattern ITEM = java.util.regex.Pattern.compile("<Item ([^>]*)>([^<]*)</Item>");
	private static final java.util.regex.Pattern ATTR = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"");

	/** Reads GDAL's metadata XML: dataset items into {@code items}, band descriptions into {@code descriptions}. */
	static void parse(final String xml, final Map<String, String> items, final String[] descriptions) {
		final java.util.regex.Matcher m = ITEM.matcher(xml);
		while (m.find()) {
			final Map<String, String> a = new java.util.HashMap<>();
			final java.util.regex.Matcher am = ATTR.matcher(m.group(1));
			while (am.find())
				a.put(am.group(1), am.group(2));
			final String value = unescape(m.group(2));
			if (a.containsKey("sample")) {
				final int band = Integer.parseInt(a.get("sample"));
				if ("description".equals(a.get("role")) && band < descriptions.length) descriptions[band] = value;
			}
			else if (a.containsKey("name") && !a.containsKey("role")) items.put(unescape(a.get("name")), value);
		}
	}

	private static String unescape(final String s) {
		return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
	}
}
