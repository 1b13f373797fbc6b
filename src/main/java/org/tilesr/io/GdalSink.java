package org.tilesr.io;

import java.nio.file.Path;
import java.util.Vector;

import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterSink;

/**
 * Writes a tiled, Deflate-compressed GeoTIFF through GDAL (BigTIFF automatically when it may pass 4 GiB), or a
 * Cloud-Optimized GeoTIFF, with the {@link RasterMetadata} it is given (CRS, geotransform, nodata, band descriptions,
 * colour interpretation, items). Temporary file, renamed on commit.
 */
public final class GdalSink implements RasterSink {

	private final Path out;
	private final Path tmp;
	private final boolean overwrite;
	private final boolean cog;
	private final int width;
	private Dataset ds;
	private boolean committed;

	/**
	 * @param in the input's raster info (size before scaling, bands, type)
	 * @param meta the output's metadata: already {@link RasterMetadata#scaled scaled}, provenance included
	 */
	public GdalSink(final Path out, final boolean overwrite, final boolean cog, final org.tilesr.core.RasterInfo in,
		final int s, final RasterMetadata meta)
	{
		Gdal.require();
		OutputFile.checkWritable(out, overwrite);
		this.out = out;
		this.overwrite = overwrite;
		this.cog = cog;
		final int w = in.width() * s, h = in.height() * s, bands = in.bands();
		this.width = w;
		this.tmp = OutputFile.temp(out, ".tmp");
		final Driver drv = gdal.GetDriverByName("GTiff");
		this.ds = drv.Create(tmp.toString(), w, h, bands, Gdal.gdt(in.type()),
			new String[] { "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER" });
		if (ds == null) {
			OutputFile.discard(tmp);
			throw new TileSRException(out, "GDAL cannot create it (" + gdal.GetLastErrorMsg().trim() + ")");
		}
		if (meta.crsWkt() != null) ds.SetProjection(meta.crsWkt());
		else if (meta.epsg() > 0) {
			final org.gdal.osr.SpatialReference srs = new org.gdal.osr.SpatialReference();
			srs.ImportFromEPSG(meta.epsg());
			ds.SetProjection(srs.ExportToWkt());
			srs.delete();
		}
		if (meta.geoTransform() != null) ds.SetGeoTransform(meta.geoTransform());
		for (final var e : meta.items().entrySet())
			ds.SetMetadataItem(e.getKey(), e.getValue());
		final String[] desc = meta.bandDescriptions(), interp = meta.colorInterpretations();
		for (int b = 0; b < bands; b++) {
			if (!Double.isNaN(meta.nodata())) ds.GetRasterBand(b + 1).SetNoDataValue(meta.nodata());
			if (b < desc.length && desc[b] != null && !desc[b].isEmpty()) ds.GetRasterBand(b + 1).SetDescription(desc[b]);
			if (b < interp.length && interp[b] != null) ds.GetRasterBand(b + 1).SetColorInterpretation(colorInterpretation(interp[b]));
		}
	}

	private static int colorInterpretation(final String name) {
		for (int i = 0; i <= gdalconstConstants.GCI_YCbCr_CrBand; i++)
			if (name.equalsIgnoreCase(gdal.GetColorInterpretationName(i))) return i;
		return gdalconstConstants.GCI_Undefined;
	}

	@Override
	public boolean interleaved() {
		return true;
	}

	@Override
	public void write(final int band, final int y, final int rows, final float[] data) {
		final int err = ds.GetRasterBand(band + 1).WriteRaster(0, y, width, rows, width, rows, gdalconstConstants.GDT_Float32, data);
		if (err != gdalconstConstants.CE_None)
			throw new TileSRException(out, "GDAL cannot write rows " + y + ".." + (y + rows) + " (" + gdal.GetLastErrorMsg().trim() + ")");
	}

	@Override
	public void commit() {
		ds.FlushCache();
		Path done = tmp;
		if (cog) {
			final Path c = OutputFile.temp(out, ".cog.tmp");
			final Vector<String> opts = new Vector<>(java.util.List.of("-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BIGTIFF=IF_SAFER"));
			final Dataset cd = gdal.Translate(c.toString(), ds, new TranslateOptions(opts));
			if (cd == null) {
				OutputFile.discard(c);
				throw new TileSRException(out, "GDAL cannot write a COG (" + gdal.GetLastErrorMsg().trim() + ")");
			}
			cd.delete();
			done = c;
		}
		ds.delete();
		ds = null;
		OutputFile.publish(done, out, overwrite);
		committed = true;
		if (done != tmp) OutputFile.discard(tmp);
	}

	@Override
	public void close() {
		if (ds != null) {
			ds.delete();
			ds = null;
		}
		if (!committed) OutputFile.discard(tmp);
	}
}
