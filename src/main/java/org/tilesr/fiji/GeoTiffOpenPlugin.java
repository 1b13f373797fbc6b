package org.tilesr.fiji;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.io.Gdal;
import org.tilesr.io.GeoImages;

/**
 * IJ1 command "TileSR Open GeoTIFF" (File › Import): a GeoTIFF (or anything GDAL reads) as an image with one
 * channel per band; CRS, geotransform and nodata are kept in the image's properties for "TileSR Save GeoTIFF".
 * Macro: {@code run("TileSR Open GeoTIFF", "open=/data/L7_ETMs.tif");}
 */
public class GeoTiffOpenPlugin implements PlugIn {

	@Override
	public void run(final String arg) {
		final GenericDialog gd = new GenericDialog("TileSR Open GeoTIFF");
		Ij1.fileField(gd, "Open (GeoTIFF or any raster GDAL reads)", arg == null ? "" : arg);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String path = gd.getNextString().trim();
		try {
			if (path.isEmpty()) throw new TileSRException("TileSR Open GeoTIFF", "no file given (open=...)");
			final Path file = Path.of(path);
			Ij1.noteGdalFallback();
			final ImagePlus imp = GeoImages.open(file, Gdal.available());
			imp.show();
		}
		catch (final TileSRException e) {
			Ij1.fail(e.getMessage());
		}
	}
}
