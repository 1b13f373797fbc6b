package org.tilesr.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSink;
import org.tilesr.core.RasterSource;

/**
 * GeoTIFFs as ImageJ images and back: bands become channels (labelled with their descriptions), the CRS,
 * geotransform and nodata live in the image's properties ({@code tilesr.geo.*}), int16 uses ImageJ's signed 16-bit
 * calibration, the pixel size goes into the calibration. TileSR's enhance scales these properties like any other
 * metadata, so open → enhance → save keeps the georeferencing.
 */
public final class GeoImages {

	static final String CRS = "tilesr.geo.crs", EPSG = "tilesr.geo.epsg", TRANSFORM = "tilesr.geo.transform",
		NODATA = "tilesr.geo.nodata", ITEM = "tilesr.geo.item.", KEYS = "tilesr.geo.keys", KEY_DOUBLES = "tilesr.geo.key_doubles",
		KEY_ASCII = "tilesr.geo.key_ascii";

	private GeoImages() {}

	/** Reads a whole raster (GDAL when {@code gdal}, else the pure-Java TIFF reader; ImageJ's own files through ImageJ). */
	public static ImagePlus open(final Path file, final boolean gdal) {
		try (RasterFile f = RasterFile.open(file, gdal ? "gdal" : "java", false)) {
			final RasterSource src = f.source();
			final RasterInfo i = src.info();
			if ((long) i.width() * i.height() > Integer.MAX_VALUE - 8)
				throw new TileSRException(file, i.width() + "x" + i.height() + " is too large for an ImageJ image; use the TileSR commands on the file");
			final RasterMetadata meta = f.describe();
			final ImageStack stack = new ImageStack(i.width(), i.height());
			final float[] band = new float[i.width() * i.height()];
			final String[] names = meta.bandDescriptions();
			for (int b = 0; b < i.bands(); b++) {
				src.read(b, 0, 0, i.width(), i.height(), band);
				stack.addSlice(b < names.length && names[b] != null && !names[b].isEmpty() ? names[b] : "band " + (b + 1), processor(i, band));
			}
			final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
			imp.setDimensions(i.bands(), 1, 1);
			if (i.type() == PixelType.INT16) imp.getCalibration().setSigned16BitCalibration();
			put(imp, meta);
			if (f.geoKeys() != null) putKeys(imp, f.geoKeys());
			return imp;
		}
	}

	private static ImageProcessor processor(final RasterInfo i, final float[] v) {
		final int w = i.width(), h = i.height();
		switch (i.type()) {
			case UINT8: {
				final byte[] p = new byte[v.length];
				for (int k = 0; k < v.length; k++) p[k] = (byte) (int) v[k];
				return new ByteProcessor(w, h, p);
			}
			case UINT16:
			case INT16: {
				final int shift = i.type() == PixelType.INT16 ? 32768 : 0;
				final short[] p = new short[v.length];
				for (int k = 0; k < v.length; k++) p[k] = (short) ((int) v[k] + shift);
				return new ShortProcessor(w, h, p, null);
			}
			default:
				return new FloatProcessor(w, h, v.clone());
		}
	}

	/**
	 * Writes an image as a GeoTIFF with the georeferencing in its properties (GDAL when {@code gdal}: any CRS; else
	 * the pure-Java writer: CRS by EPSG code only). Channels/slices become bands; 8/16/32-bit keep their type,
	 * signed 16-bit calibrated images become int16. Temporary file and rename; no overwrite unless asked.
	 */
	public static void save(final ImagePlus imp, final Path file, final boolean overwrite, final boolean gdal) {
		final RasterMetadata meta = metadata(imp);
		final boolean signed = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final PixelType type = signed ? PixelType.INT16 : ImageJFiles.pixelType(imp, file);
		final int w = imp.getWidth(), h = imp.getHeight(), bands = imp.getStackSize();
		final RasterInfo info = RasterInfo.of(w, h, bands, type, meta.nodata());
		if (!gdal && meta.crsWkt() != null && meta.epsg() <= 0 && keys(imp) == null)
			throw new TileSRException(file, "its CRS has no EPSG code; writing it needs the GDAL backend");
		try (RasterSink sink = gdal ? new GdalSink(file, overwrite, false, info, 1, meta)
			: new TiffSink(file, overwrite, w, h, bands, type, dir -> GeoTiff.write(meta, keys(imp), dir)))
		{
			final ImagePlusSource src = new ImagePlusSource(imp, file);
			final int rows = Math.max(1, Math.min(h, (1 << 22) / Math.max(1, w)));
			final float[] buf = new float[rows * w];
			for (int y = 0; y < h; y += rows) // row blocks, every band in turn (the GDAL and TIFF sinks take either order)
				for (int b = 0; b < bands; b++) {
					final int n = Math.min(rows, h - y);
					final float[] block = n == rows ? buf : new float[n * w];
					src.read(b, 0, y, w, n, block);
					if (signed) for (int k = 0; k < n * w; k++) block[k] -= 32768;
					sink.write(b, y, n, block);
				}
			sink.commit();
		}
		catch (final TileSRException e) {
			throw e;
		}
		catch (final Exception e) {
			throw new TileSRException(file, "cannot write it (" + TileSRException.why(e) + ")", e);
		}
	}

	/** The georeferencing of an image opened by {@link #open} (or enhanced from one): CRS, geotransform, nodata, bands. */
	public static RasterMetadata metadata(final ImagePlus imp) {
		final String gt = prop(imp, TRANSFORM), epsg = prop(imp, EPSG), nd = prop(imp, NODATA);
		double[] transform = null;
		if (gt != null) {
			final String[] p = gt.split(",");
			transform = new double[6];
			for (int k = 0; k < 6; k++) transform[k] = Double.parseDouble(p[k].trim());
		}
		final String[] names = new String[imp.getStackSize()];
		for (int b = 0; b < names.length; b++) {
			final String label = imp.getStack().getSliceLabel(b + 1);
			names[b] = label == null || label.matches("band \\d+") ? null : label.lines().findFirst().orElse(null);
		}
		final Map<String, String> items = fileItems(imp);
		final String[] keys = imp.getPropertiesAsArray();
		if (keys != null) for (int k = 0; k + 1 < keys.length; k += 2) // TileSR's provenance, after the file's own items
			if (keys[k].startsWith("tilesr.") && !keys[k].startsWith("tilesr.geo.")) items.put(keys[k], keys[k + 1]);
		return new RasterMetadata(prop(imp, CRS), epsg == null ? 0 : Integer.parseInt(epsg), transform,
			nd == null ? Double.NaN : Double.parseDouble(nd), names, null, items, null, null);
	}

	/** The raster's own key/value items, as {@link #open} stored them. */
	private static Map<String, String> fileItems(final ImagePlus imp) {
		final Map<String, String> items = new LinkedHashMap<>();
		final String[] kv = imp.getPropertiesAsArray();
		if (kv != null) for (int k = 0; k + 1 < kv.length; k += 2)
			if (kv[k].startsWith(ITEM)) items.put(kv[k].substring(ITEM.length()), kv[k + 1]);
		return items;
	}

	/** Carries a georeferenced image's georeferencing to its ×s output: geotransform ÷ s, the rest as it was. */
	static void scaled(final ImagePlus in, final ImagePlus out, final int s) {
		if (!isGeo(in)) return;
		final RasterMetadata geo = metadata(in).scaled(s);
		put(out, new RasterMetadata(geo.crsWkt(), geo.epsg(), geo.geoTransform(), geo.nodata(), null, null, fileItems(in), null, null));
		putKeys(out, keys(in));
	}

	/** Whether the image carries georeferencing from {@link #open}. */
	public static boolean isGeo(final ImagePlus imp) {
		return prop(imp, TRANSFORM) != null || prop(imp, EPSG) != null || prop(imp, CRS) != null;
	}

	/** Stores a raster's georeferencing in the image's properties, with the pixel size as its calibration. */
	public static void put(final ImagePlus imp, final RasterMetadata m) {
		if (m.crsWkt() != null) imp.setProp(CRS, m.crsWkt());
		if (m.epsg() > 0) imp.setProp(EPSG, Integer.toString(m.epsg()));
		if (!Double.isNaN(m.nodata())) imp.setProp(NODATA, Double.toString(m.nodata()));
		for (final var e : m.items().entrySet())
			imp.setProp(ITEM + e.getKey(), e.getValue());
		final double[] gt = m.geoTransform();
		if (gt == null) return;
		final StringBuilder sb = new StringBuilder();
		for (int k = 0; k < 6; k++) sb.append(k > 0 ? "," : "").append(String.format(Locale.ROOT, "%.17g", gt[k]));
		imp.setProp(TRANSFORM, sb.toString());
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = Math.hypot(gt[1], gt[4]);
		cal.pixelHeight = Math.hypot(gt[2], gt[5]);
		final String crs = m.crsWkt() == null ? "" : m.crsWkt();
		cal.setUnit(crs.contains("\"metre\"") || crs.contains("\"meter\"") || (crs.isEmpty() && m.epsg() > 0 && !geographic(m.epsg())) ? "m" : crs.startsWith("GEOG") ? "degree" : "pixel");
	}

	/** Keeps a GeoTIFF's own GeoKeys (the pure-Java reader has no CRS database to turn them into WKT). */
	static void putKeys(final ImagePlus imp, final GeoTiff.Keys k) {
		if (k == null) return;
		imp.setProp(KEYS, java.util.Arrays.stream(k.directory()).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")));
		if (k.doubles() != null)
			imp.setProp(KEY_DOUBLES, java.util.Arrays.stream(k.doubles()).mapToObj(d -> String.format(Locale.ROOT, "%.17g", d))
				.collect(java.util.stream.Collectors.joining(",")));
		if (k.ascii() != null) imp.setProp(KEY_ASCII, k.ascii());
	}

	static GeoTiff.Keys keys(final ImagePlus imp) {
		final String k = prop(imp, KEYS);
		if (k == null) return null;
		final String d = prop(imp, KEY_DOUBLES);
		return new GeoTiff.Keys(java.util.Arrays.stream(k.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray(),
			d == null ? null : java.util.Arrays.stream(d.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray(), prop(imp, KEY_ASCII));
	}

	/** The nodata value of a georeferenced image, as its stored (raw) value, or NaN. */
	static double storedNodata(final ImagePlus imp) {
		final String nd = prop(imp, NODATA);
		if (nd == null) return Double.NaN;
		final double v = Double.parseDouble(nd);
		return imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit() ? v + 32768 : v;
	}

	/** EPSG codes 4000–4999 are (mostly) geographic 2D CRSs; without a CRS database that is all TileSR can tell. */
	static boolean geographic(final int epsg) {
		return epsg >= 4000 && epsg < 5000;
	}

	private static String prop(final ImagePlus imp, final String key) {
		final String v = imp.getProp(key);
		return v == null || v.isEmpty() ? null : v;
	}
}
