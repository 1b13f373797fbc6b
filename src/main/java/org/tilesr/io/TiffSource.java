package org.tilesr.io;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFImageReadParam;
import javax.imageio.stream.ImageInputStream;

import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;

/**
 * A (Geo)TIFF read by windows through the JDK's own TIFF reader, so files larger than the heap work: only the
 * TIFF tiles or strips a window touches are decoded. The last window is kept, so reading it band after band
 * decodes it once. 16-bit data with a horizontal predictor, which the JDK refuses, is decoded by {@link TiffBlocks}.
 * Every band is its own normalization group; GDAL's nodata tag is honoured.
 */
public final class TiffSource implements RasterSource {

	static final int GDAL_NODATA = 42113;
	private static final int PREDICTOR = 317;

	private final Path file;
	private final ImageInputStream stream;
	private final ImageReader reader;
	private final RasterInfo info;
	private final IIOMetadata metadata;
	private final TiffBlocks blocks;
	private Rectangle cached;
	private Raster cache;

	public TiffSource(final Path file) {
		this.file = file;
		if (!Files.isRegularFile(file)) throw new TileSRException(file, "no such file");
		ImageInputStream in = null;
		try {
			in = ImageIO.createImageInputStream(file.toFile());
			if (in == null) throw new TileSRException(file, "cannot open");
			final ImageReader r = ImageIO.getImageReadersByFormatName("tiff").next();
			r.setInput(in, false, false);
			this.reader = r;
			this.stream = in;
			// Unknown tags (GDAL's nodata and metadata) are only kept when a read asked for them before the metadata.
			final TIFFImageReadParam p = new TIFFImageReadParam();
			p.setReadUnknownTags(true);
			p.setSourceRegion(new Rectangle(0, 0, 1, 1));
			TiffBlocks own = null;
			try {
				r.read(0, p);
			}
			catch (final IOException | RuntimeException e) {
				// The JDK refuses 16-bit data with a predictor: decode those blocks ourselves.
				if (!predicted(r.getImageMetadata(0))) throw e;
				own = new TiffBlocks(file, TIFFDirectory.createFromMetadata(r.getImageMetadata(0)));
			}
			this.blocks = own;
			this.metadata = r.getImageMetadata(0);
			this.info = readInfo();
		}
		catch (final TileSRException e) {
			closeQuietly(in);
			throw e;
		}
		catch (final IOException | RuntimeException e) {
			closeQuietly(in);
			throw new TileSRException(file, "cannot read TIFF (" + TileSRException.why(e) + ")", e);
		}
	}

	private RasterInfo readInfo() throws IOException {
		checkLayout(TIFFDirectory.createFromMetadata(metadata));
		final SampleModel sm = reader.getImageTypes(0).next().getSampleModel();
		final int bits = sm.getSampleSize(0);
		final PixelType type;
		switch (sm.getDataType()) {
			case DataBuffer.TYPE_BYTE: type = PixelType.UINT8; break;
			case DataBuffer.TYPE_USHORT: type = PixelType.UINT16; break;
			case DataBuffer.TYPE_SHORT: type = PixelType.INT16; break;
			case DataBuffer.TYPE_FLOAT: type = PixelType.FLOAT32; break;
			default:
				throw new TileSRException(file, bits + "-bit samples of data type " + sm.getDataType()
					+ " are not supported (uint8, int16, uint16, float32 are)");
		}
		final TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
		double nodata = Double.NaN;
		final TIFFField nd = dir.getTIFFField(GDAL_NODATA);
		if (nd != null) try {
			nodata = Double.parseDouble(nd.getAsString(0).trim());
		}
		catch (final NumberFormatException e) {
			// GDAL writes "nan" for float NaN nodata, which is NaN here anyway
		}
		return RasterInfo.of(reader.getWidth(0), reader.getHeight(0), sm.getNumBands(), type, nodata);
	}

	/**
	 * Refuses sample layouts whose values TileSR cannot keep exactly (the JDK reader would hand them over as another
	 * type: float16 as its bit patterns, int8 as uint8, 12-bit scaled): only uint8, uint16, int16 and float32, the
	 * same in every band.
	 */
	private void checkLayout(final TIFFDirectory dir) {
		final int[] bits = ints(dir, 258, 1), formats = ints(dir, 339, 1);
		for (final int[] a : new int[][] { bits, formats })
			for (final int v : a)
				if (v != a[0]) throw new TileSRException(file, "bands with different sample layouts are not supported");
		final int b = bits[0], f = formats[0];
		// 1-, 2- and 4-bit unsigned (masks, palettes) come as their exact values in uint8
		if (b <= 8 && f == 1 && (b == 1 || b == 2 || b == 4 || b == 8) || b == 16 && (f == 1 || f == 2) || b == 32 && f == 3) return;
		final String kind = f == 2 ? "signed integer" : f == 3 ? "floating-point" : f == 1 ? "unsigned integer" : "SampleFormat " + f;
		final String fix = b == 8 && f == 2 ? "; convert it to int16 first (gdal_translate -ot Int16)"
			: b == 16 && f == 3 ? "; convert it to float32 first (gdal_translate -ot Float32)" : "";
		throw new TileSRException(file, b + "-bit " + kind + " samples are not supported (8-bit unsigned, 16-bit signed or unsigned, "
			+ "32-bit float are)" + fix);
	}

	private static int[] ints(final TIFFDirectory dir, final int tag, final int missing) {
		final TIFFField f = dir.getTIFFField(tag);
		if (f == null || f.getCount() == 0) return new int[] { missing };
		final int n = Math.min(f.getCount(), 65536);
		final int[] out = new int[n];
		for (int i = 0; i < n; i++)
			out[i] = f.getAsInt(i);
		return out;
	}

	private static boolean predicted(final IIOMetadata meta) throws IOException {
		final TIFFField predictor = TIFFDirectory.createFromMetadata(meta).getTIFFField(PREDICTOR);
		return predictor != null && predictor.getAsInt(0) != 1;
	}

	/**
	 * The raster in TileSR's metadata model, from the GeoTIFF tags (geotransform as GDAL computes it, EPSG code from
	 * the GeoKeys; no WKT without a CRS database) and GDAL's tags (nodata, band descriptions, items).
	 */
	public RasterMetadata describe() {
		final TIFFDirectory d = directory();
		double[] gt = null;
		final TIFFField tr = d.getTIFFField(javax.imageio.plugins.tiff.GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION);
		final TIFFField tie = d.getTIFFField(javax.imageio.plugins.tiff.GeoTIFFTagSet.TAG_MODEL_TIE_POINT);
		final TIFFField scale = d.getTIFFField(javax.imageio.plugins.tiff.GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE);
		if (tr != null) {
			final double[] m = tr.getAsDoubles();
			gt = new double[] { m[3], m[0], m[1], m[7], m[4], m[5] };
		}
		else if (tie != null && scale != null) {
			final double[] t = tie.getAsDoubles(), sc = scale.getAsDoubles();
			gt = new double[] { t[3] - t[0] * sc[0], sc[0], 0, t[4] + t[1] * sc[1], 0, -sc[1] };
		}
		if (gt != null && GeoTiff.pixelIsPoint(d)) { // GDAL's geotransform is always to pixel corners
			gt[0] -= 0.5 * (gt[1] + gt[2]);
			gt[3] -= 0.5 * (gt[4] + gt[5]);
		}
		final String[] desc = new String[info.bands()];
		final java.util.Map<String, String> items = new java.util.LinkedHashMap<>();
		final TIFFField gdal = d.getTIFFField(GdalMetadata.TAG);
		if (gdal != null) GdalMetadata.parse(gdal.getAsString(0), items, desc);
		return new RasterMetadata(null, GeoTiff.epsg(d), gt, info.nodata(), desc, null, items, null, null);
	}

	/** The TIFF's tags (GeoTIFF keys, GDAL tags), for a sink that carries them. */
	public TIFFDirectory directory() {
		try {
			return TIFFDirectory.createFromMetadata(metadata);
		}
		catch (final IOException e) {
			throw new TileSRException(file, "unreadable TIFF tags (" + TileSRException.why(e) + ")", e);
		}
	}

	/** The TIFF's own metadata (GeoTIFF keys, GDAL tags), for a sink that keeps them. */
	public IIOMetadata metadata() {
		return metadata;
	}

	public Path file() {
		return file;
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	@Override
	public synchronized void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		if (blocks != null) {
			try {
				blocks.read(band, x, y, w, h, dst);
			}
			catch (final IOException e) {
				throw new TileSRException(file, "cannot read pixels (" + TileSRException.why(e) + ")", e);
			}
			return;
		}
		final Rectangle rect = new Rectangle(x, y, w, h);
		if (!rect.equals(cached)) {
			try {
				final ImageReadParam p = reader.getDefaultReadParam();
				p.setSourceRegion(rect);
				cache = reader.read(0, p).getRaster();
				cached = rect;
			}
			catch (final IOException | RuntimeException e) {
				throw new TileSRException(file, "cannot read pixels " + w + "x" + h + " at " + x + "," + y + " (" + TileSRException.why(e) + ")", e);
			}
		}
		cache.getSamples(cache.getMinX(), cache.getMinY(), w, h, band, dst);
	}

	@Override
	public synchronized void close() {
		reader.dispose();
		if (blocks != null) try {
			blocks.close();
		}
		catch (final IOException e) {
			// read-only
		}
		closeQuietly(stream);
	}

	private static void closeQuietly(final ImageInputStream in) {
		if (in != null) try {
			in.close();
		}
		catch (final IOException e) {
			// nothing to lose: read-only
		}
	}
}
