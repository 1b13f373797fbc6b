package org.tilesr.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;

import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;

/** Any raster GDAL reads (GeoTIFF with any predictor, BigTIFF, COG, JPEG2000, ...), by windows. */
public final class GdalSource implements RasterSource {

	private final Path file;
	private final Dataset ds;
	private final RasterInfo info;

	public GdalSource(final Path file) {
		Gdal.require();
		this.file = file;
		if (!Files.isRegularFile(file)) throw new TileSRException(file, "no such file");
		this.ds = gdal.Open(file.toString(), gdalconstConstants.GA_ReadOnly);
		if (ds == null) throw new TileSRException(file, "GDAL cannot read it (" + gdal.GetLastErrorMsg().trim() + ")");
		final int bands = ds.getRasterCount();
		if (bands < 1) {
			ds.delete();
			throw new TileSRException(file, "has no raster bands");
		}
		final PixelType type;
		try {
			type = Gdal.type(ds.GetRasterBand(1).getDataType(), file.toString());
			for (int b = 2; b <= bands; b++)
				if (ds.GetRasterBand(b).getDataType() != ds.GetRasterBand(1).getDataType())
					throw new TileSRException(file, "bands of different data types are not supported");
			// GDAL before 3.7 reads signed bytes as Byte and says so only here
			if ("SIGNEDBYTE".equals(ds.GetRasterBand(1).GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE")))
				throw new TileSRException(file, "8-bit signed integer samples are not supported (8-bit unsigned, 16-bit signed or unsigned, "
					+ "32-bit float are); convert it to int16 first (gdal_translate -ot Int16)");
		}
		catch (final TileSRException e) {
			ds.delete();
			throw e;
		}
		final Double[] nd = new Double[1];
		ds.GetRasterBand(1).GetNoDataValue(nd);
		this.info = RasterInfo.of(ds.getRasterXSize(), ds.getRasterYSize(), bands, type, nd[0] == null ? Double.NaN : nd[0]);
	}

	@Override
	public RasterInfo info() {
		return info;
	}

	@Override
	public synchronized void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) {
		final int err = ds.GetRasterBand(band + 1).ReadRaster(x, y, w, h, w, h, gdalconstConstants.GDT_Float32, dst);
		if (err != gdalconstConstants.CE_None)
			throw new TileSRException(file, "cannot read pixels " + w + "x" + h + " at " + x + "," + y + " (" + gdal.GetLastErrorMsg().trim() + ")");
	}

	public String projection() {
		return ds.GetProjection();
	}

	public double[] geoTransform() {
		final double[] gt = new double[6];
		ds.GetGeoTransform(gt);
		return gt;
	}

	public boolean hasGeoTransform() {
		final double[] gt = geoTransform();
		return !(gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0 && gt[4] == 0 && gt[5] == 1);
	}

	public String description(final int band) {
		return ds.GetRasterBand(band + 1).GetDescription();
	}

	public int colorInterpretation(final int band) {
		return ds.GetRasterBand(band + 1).GetColorInterpretation();
	}

	/** Everything GDAL knows of the raster, in TileSR's metadata model. */
	public RasterMetadata describe() {
		final String wkt = projection();
		int epsg = 0;
		if (wkt != null && !wkt.isEmpty()) {
			final org.gdal.osr.SpatialReference srs = new org.gdal.osr.SpatialReference(wkt);
			srs.AutoIdentifyEPSG();
			final String code = srs.GetAuthorityCode(null), name = srs.GetAuthorityName(null);
			if ("EPSG".equals(name) && code != null) epsg = Integer.parseInt(code);
			srs.delete();
		}
		final int n = info.bands();
		final String[] desc = new String[n], interp = new String[n];
		for (int b = 0; b < n; b++) {
			desc[b] = description(b);
			interp[b] = gdal.GetColorInterpretationName(colorInterpretation(b));
		}
		return new RasterMetadata(wkt == null || wkt.isEmpty() ? null : wkt, epsg, hasGeoTransform() ? geoTransform() : null,
			info.nodata(), desc, interp, new java.util.LinkedHashMap<>(items()), null, null);
	}

	@SuppressWarnings("unchecked")
	public Hashtable<String, String> items() {
		final Hashtable<?, ?> h = ds.GetMetadata_Dict("");
		return h == null ? new Hashtable<>() : (Hashtable<String, String>) h;
	}

	Band band(final int b) {
		return ds.GetRasterBand(b + 1);
	}

	@Override
	public synchronized void close() {
		ds.delete();
	}
}
