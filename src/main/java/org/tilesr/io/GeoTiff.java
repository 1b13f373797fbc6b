package org.tilesr.io;

import java.util.Map;

import javax.imageio.plugins.tiff.GeoTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;

/**
 * Carries a GeoTIFF's georeferencing and GDAL tags to its ×s output: CRS (GeoKey directory with its double and
 * ASCII parameters) unchanged, pixel size ÷ s with the same origin (tiepoints and ModelTransformation, for
 * PixelIsArea and PixelIsPoint rasters), nodata kept, GDAL metadata (band descriptions) kept with the provenance
 * added.
 */
public final class GeoTiff {

	private static final int RASTER_TYPE_KEY = 1025;
	private static final int PIXEL_IS_POINT = 2;

	private GeoTiff() {}

	/** Fills {@code out} (the writer's directory) from {@code src} for a raster {@code s} times finer. */
	public static TIFFDirectory carry(final TIFFDirectory src, final TIFFDirectory out, final int s,
		final Map<String, String> provenance)
	{
		final boolean point = pixelIsPoint(src);
		for (final int tag : new int[] { GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY, GeoTIFFTagSet.TAG_GEO_DOUBLE_PARAMS,
			GeoTIFFTagSet.TAG_GEO_ASCII_PARAMS, TiffSource.GDAL_NODATA })
		{
			final TIFFField f = src.getTIFFField(tag);
			if (f != null) out.addTIFFField(f);
		}
		final TIFFField scale = src.getTIFFField(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE);
		if (scale != null) {
			final double[] v = scale.getAsDoubles().clone();
			v[0] /= s;
			v[1] /= s;
			out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE, v));
		}
		final TIFFField tie = src.getTIFFField(GeoTIFFTagSet.TAG_MODEL_TIE_POINT);
		if (tie != null) {
			final double[] v = tie.getAsDoubles().clone();
			for (int i = 0; i + 5 < v.length; i += 6) {
				v[i] = raster(v[i], s, point);
				v[i + 1] = raster(v[i + 1], s, point);
			}
			out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_TIE_POINT, v));
		}
		final TIFFField tr = src.getTIFFField(GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION);
		if (tr != null) {
			final double[] m = tr.getAsDoubles().clone();
			// x = m0·i + m1·j + m3 with i the old raster coordinate; i = i'/s (area) or (i' + 0.5)/s − 0.5 (point)
			final double shift = point ? 0.5 / s - 0.5 : 0;
			for (final int row : new int[] { 0, 4 }) {
				m[row + 3] += (m[row] + m[row + 1]) * shift;
				m[row] /= s;
				m[row + 1] /= s;
			}
			out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION, m));
		}
		final TIFFField gdal = src.getTIFFField(GdalMetadata.TAG);
		return GdalMetadata.put(out, gdal == null ? null : gdal.getAsString(0), provenance);
	}

	/** A GeoTIFF's CRS as it was written: its GeoKey directory with the keys' double and ASCII parameters. */
	public record Keys(int[] directory, double[] doubles, String ascii) {

		/** The keys of a TIFF directory, or null when it has none. */
		public static Keys of(final TIFFDirectory dir) {
			final TIFFField k = dir.getTIFFField(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY);
			if (k == null) return null;
			final int[] d = new int[k.getCount()];
			for (int i = 0; i < d.length; i++) d[i] = k.getAsInt(i);
			final TIFFField dbl = dir.getTIFFField(GeoTIFFTagSet.TAG_GEO_DOUBLE_PARAMS);
			final TIFFField asc = dir.getTIFFField(GeoTIFFTagSet.TAG_GEO_ASCII_PARAMS);
			return new Keys(d, dbl == null ? null : dbl.getAsDoubles(), asc == null ? null : asc.getAsString(0));
		}

		void put(final TIFFDirectory out) {
			final char[] c = new char[directory.length];
			for (int i = 0; i < c.length; i++) c[i] = (char) directory[i];
			final GeoTIFFTagSet t = GeoTIFFTagSet.getInstance();
			out.addTIFFField(new TIFFField(t.getTag(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY), TIFFTag.TIFF_SHORT, c.length, c));
			if (doubles != null) out.addTIFFField(GeoTiff.doubles(GeoTIFFTagSet.TAG_GEO_DOUBLE_PARAMS, doubles));
			if (ascii != null)
				out.addTIFFField(new TIFFField(t.getTag(GeoTIFFTagSet.TAG_GEO_ASCII_PARAMS), TIFFTag.TIFF_ASCII, 1, new String[] { ascii }));
		}
	}

	/** A raster coordinate of the old grid in the new one. */
	static double raster(final double r, final int s, final boolean point) {
		return point ? (r + 0.5) * s - 0.5 : r * s;
	}

	/** The EPSG code of the projected or geographic CRS in the GeoKeys, or 0 (none, or user-defined). */
	static int epsg(final TIFFDirectory dir) {
		final TIFFField keys = dir.getTIFFField(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY);
		if (keys == null) return 0;
		int geographic = 0;
		for (int i = 4; i + 3 < keys.getCount(); i += 4) {
			final int v = keys.getAsInt(i + 3);
			if (keys.getAsInt(i + 1) != 0 || v == 32767) continue;
			if (keys.getAsInt(i) == 3072) return v;
			if (keys.getAsInt(i) == 2048) geographic = v;
		}
		return geographic;
	}

	static boolean pixelIsPoint(final TIFFDirectory dir) {
		final TIFFField keys = dir.getTIFFField(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY);
		if (keys == null) return false;
		final int n = keys.getCount();
		for (int i = 4; i + 3 < n; i += 4)
			if (keys.getAsInt(i) == RASTER_TYPE_KEY && keys.getAsInt(i + 1) == 0) return keys.getAsInt(i + 3) == PIXEL_IS_POINT;
		return false;
	}

	/**
	 * Fills {@code out} from TileSR's metadata model, for rasters that are not copied from a GeoTIFF (an ImageJ image
	 * opened from one): CRS as its EPSG code (projected, or geographic for 4000–4999), area pixels, pixel scale and tie
	 * point (or ModelTransformation when rotated), nodata, band descriptions and items as GDAL's metadata.
	 */
	public static TIFFDirectory write(final RasterMetadata m, final Keys own, final TIFFDirectory out) {
		if (own != null) own.put(out);
		else if (m.epsg() > 0) {
			final boolean geographic = GeoImages.geographic(m.epsg());
			final char[] keys = { 1, 1, 0, 3, 1024, 0, 1, (char) (geographic ? 2 : 1), RASTER_TYPE_KEY, 0, 1, 1,
				(char) (geographic ? 2048 : 3072), 0, 1, (char) m.epsg() };
			out.addTIFFField(new TIFFField(GeoTIFFTagSet.getInstance().getTag(GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY), TIFFTag.TIFF_SHORT,
				keys.length, keys));
		}
		final double[] gt = m.geoTransform();
		if (gt != null) {
			if (gt[2] == 0 && gt[4] == 0) {
				out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE, new double[] { gt[1], -gt[5], 0 }));
				out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_TIE_POINT, new double[] { 0, 0, 0, gt[0], gt[3], 0 }));
			}
			else out.addTIFFField(doubles(GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION,
				new double[] { gt[1], gt[2], 0, gt[0], gt[4], gt[5], 0, gt[3], 0, 0, 0, 0, 0, 0, 0, 1 }));
		}
		if (!Double.isNaN(m.nodata())) {
			final TIFFTag t = new TIFFTag("GDAL_NODATA", TiffSource.GDAL_NODATA, 1 << TIFFTag.TIFF_ASCII);
			final double v = m.nodata();
			out.addTIFFField(new TIFFField(t, TIFFTag.TIFF_ASCII, 1, new String[] { v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v) }));
		}
		return GdalMetadata.put(out, GdalMetadata.xml(Map.of(), m.bandDescriptions()), m.items());
	}

	private static TIFFField doubles(final int tag, final double[] v) {
		final TIFFTag t = GeoTIFFTagSet.getInstance().getTag(tag);
		return new TIFFField(t, TIFFTag.TIFF_DOUBLE, v.length, v);
	}
}
