package org.tilesr.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.io.Gdal;
import org.tilesr.io.GeoImages;

/**
 * IJ1 command "TileSR Save GeoTIFF" (File › Export): the current image as a GeoTIFF with the georeferencing it was
 * opened with (pixel size ÷ s after TileSR enhanced it), its band names and TileSR's provenance. Never overwrites
 * unless asked. Macro: {@code run("TileSR Save GeoTIFF", "save=/out/L7_x2.tif overwrite");}
 */
public class GeoTiffSavePlugin implements PlugIn {

	@Override
	public void run(final String arg) {
		final ImagePlus imp = IJ.getImage();
		if (imp == null) return;
		final GenericDialog gd = new GenericDialog("TileSR Save GeoTIFF");
		Ij1.fileField(gd, "Save (GeoTIFF file)", arg == null ? "" : arg);
		gd.addCheckbox("Overwrite an existing file", false);
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String path = gd.getNextString().trim();
		final boolean overwrite = gd.getNextBoolean();
		try {
			if (path.isEmpty()) throw new TileSRException(imp.getTitle(), "no output file given (save=...)");
			Ij1.noteGdalFallback();
			if (!GeoImages.isGeo(imp)) IJ.log("TileSR: " + imp.getTitle() + " has no georeferencing; writing a plain TIFF");
			GeoImages.save(imp, Path.of(path), overwrite, Gdal.available());
			IJ.showStatus("TileSR: wrote " + path);
		}
		catch (final TileSRException e) {
			Ij1.fail(e.getMessage());
		}
	}
}
