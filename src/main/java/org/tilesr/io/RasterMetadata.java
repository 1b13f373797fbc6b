package org.tilesr.io;

import ij.measure.Calibration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a raster says about itself, the same fields whichever backend read it (after GDAL's data model): CRS (WKT
 * and/or EPSG code), geotransform, nodata, band descriptions and colour interpretation, free key/value items, and
 * for medical images the ImageJ calibration and DICOM header. {@link #scaled(int)} applies TileSR's rules for an
 * output s times finer.
 */
public record RasterMetadata(String crsWkt, int epsg, double[] geoTransform, double nodata, String[] bandDescriptions,
	String[] colorInterpretations, Map<String, String> items, Calibration calibration, String dicomHeader)
{

	public RasterMetadata {
		geoTransform = geoTransform == null ? null : geoTransform.clone();
		bandDescriptions = bandDescriptions == null ? new String[0] : bandDescriptions.clone();
		colorInterpretations = colorInterpretations == null ? new String[0] : colorInterpretations.clone();
		items = items == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(items));
	}

	public static RasterMetadata none() {
		return new RasterMetadata(null, 0, null, Double.NaN, null, null, null, null, null);
	}

	@Override
	public double[] geoTransform() {
		return geoTransform == null ? null : geoTransform.clone();
	}

	@Override
	public String[] bandDescriptions() {
		return bandDescriptions.clone();
	}

	@Override
	public String[] colorInterpretations() {
		return colorInterpretations.clone();
	}

	/**
	 * For an output s times finer: geotransform pixel size ÷ s with the origin unchanged, CRS, nodata, band
	 * descriptions and items unchanged; ImageJ pixel width/height ÷ s (units and z spacing kept); DICOM Pixel
	 * Spacing ÷ s.
	 */
	public RasterMetadata scaled(final int s) {
		double[] gt = null;
		if (geoTransform != null) {
			gt = geoTransform.clone();
			gt[1] /= s;
			gt[2] /= s;
			gt[4] /= s;
			gt[5] /= s;
		}
		Calibration cal = null;
		if (calibration != null) {
			cal = calibration.copy();
			cal.pixelWidth /= s;
			cal.pixelHeight /= s;
			cal.xOrigin *= s;
			cal.yOrigin *= s;
		}
		return new RasterMetadata(crsWkt, epsg, gt, nodata, bandDescriptions, colorInterpretations, items, cal,
			dicomHeader == null ? null : ImageJMetadata.scaleDicomHeader(dicomHeader, s));
	}

	/** The same with more key/value items (provenance), added after the existing ones. */
	public RasterMetadata withItems(final Map<String, String> more) {
		final Map<String, String> m = new LinkedHashMap<>(items);
		m.putAll(more);
		return new RasterMetadata(crsWkt, epsg, geoTransform, nodata, bandDescriptions, colorInterpretations, m, calibration, dicomHeader);
	}

	@Override
	public String toString() {
		return "RasterMetadata[crs=" + (crsWkt == null ? "EPSG:" + epsg : crsWkt.substring(0, Math.min(40, crsWkt.length())) + "...")
			+ ", geoTransform=" + Arrays.toString(geoTransform) + ", nodata=" + nodata + ", bands=" + Arrays.toString(bandDescriptions) + "]";
	}
}
