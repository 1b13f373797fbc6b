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
	private final int width, bands;
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
		this.bands = bands;
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

	/**
	 * Writes what GDAL still caches and publishes the file. GDAL reports failed block writes (a full disk, a file size
	 * limit) only through its error state, and would otherwise leave a truncated file: checked after every step, and
	 * the written file is opened again before it is renamed into place.
	 */
	@Override
	public void commit() {
		gdal.ErrorReset();
		ds.FlushCache();
		failed("write");
		Path done = tmp;
		try {
			if (cog) {
				final Path c = OutputFile.temp(out, ".cog.tmp");
				done = c;
				final Vector<String> opts = new Vector<>(java.util.List.of("-of", "COG", "-co", "COMPRESS=DEFLATE", "-co", "BIGTIFF=IF_SAFER"));
				final Dataset cd = gdal.Translate(c.toString(), ds, new TranslateOptions(opts));
				if (cd == null) throw new TileSRException(out, "GDAL cannot write a COG (" + gdal.GetLastErrorMsg().trim() + ")");
				cd.delete();
				failed("write a COG");
			}
			ds.delete();
			ds = null;
			failed("write");
			final Dataset check = gdal.Open(done.toString(), gdalconstConstants.GA_ReadOnly);
			if (check == null) throw new TileSRException(out, "GDAL cannot read back what it wrote (" + gdal.GetLastErrorMsg().trim() + ")");
			final boolean whole = check.getRasterXSize() == width && check.getRasterCount() == bands;
			check.delete();
			if (!whole) throw new TileSRException(out, "GDAL wrote an incomplete file");
			OutputFile.publish(done, out, overwrite);
			committed = true;
		}
		finally {
			if (done != tmp) { // a COG: the plain file was only its source; the COG's temporary file if not published
				OutputFile.discard(done);
				OutputFile.discard(tmp);
			}
		}
	}

	private void failed(final String what) {
		if (gdal.GetLastErrorType() >= gdalconstConstants.CE_Failure) {
			final String msg = gdal.GetLastErrorMsg().trim();
			gdal.ErrorReset();
			throw new TileSRException(out, "GDAL cannot " + what + " it (" + (msg.isEmpty() ? "error " + gdal.GetLastErrorNo() : msg) + ")");
		}
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
