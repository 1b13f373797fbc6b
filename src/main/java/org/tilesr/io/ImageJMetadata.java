package org.tilesr.io;

import ij.ImagePlus;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries an ImageJ image's metadata to its ×s output: pixel width/height ÷ s (units, z spacing and the value
 * calibration kept), the DICOM header kept with its Pixel Spacing ÷ s, dimensions kept, provenance added.
 */
public final class ImageJMetadata {

	private static final Pattern DICOM_SPACING = Pattern.compile("(?m)^(0028,0030\\s+Pixel Spacing:\\s*)(\\S+)\\s*$");
	private static final Pattern DICOM_SIZE = Pattern.compile("(?m)^(0028,001[01]\\s+(?:Rows|Columns):\\s*)(\\d+)\\s*$");

	private ImageJMetadata() {}

	public static void scaled(final ImagePlus in, final ImagePlus out, final int s, final Map<String, String> provenance) {
		final RasterMetadata meta = new ImagePlusSource(in, null).describe().scaled(s);
		out.setCalibration(meta.calibration());
		if (in.getStackSize() == out.getStackSize()) {
			out.setDimensions(in.getNChannels(), in.getNSlices(), in.getNFrames());
			if (in.isHyperStack()) out.setOpenAsHyperStack(true);
			for (int i = 1; i <= in.getStackSize(); i++) {
				final String label = in.getStack().getSliceLabel(i);
				// DICOM series keep each slice's header in its label: its Pixel Spacing scales too.
				out.getStack().setSliceLabel(label == null ? null : scaleDicomHeader(label, s), i);
			}
		}
		GeoImages.scaled(in, out, s); // opened from a GeoTIFF
		final StringBuilder info = new StringBuilder();
		final String old = meta.dicomHeader() != null ? meta.dicomHeader() : in.getInfoProperty();
		if (old != null && !old.isBlank()) info.append(old).append(old.endsWith("\n") ? "" : "\n");
		info.append("TileSR provenance:\n");
		for (final var e : provenance.entrySet()) {
			info.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
			out.setProp(e.getKey(), e.getValue());
		}
		out.setProperty("Info", info.toString());
	}

	/** Rewrites a DICOM header (ImageJ's text form) for an image s times larger: Rows, Columns × s, Pixel Spacing ÷ s. */
	static String scaleDicomHeader(final String info, final int s) {
		final Matcher m = DICOM_SIZE.matcher(scaleDicomSpacing(info, s));
		final StringBuilder sb = new StringBuilder();
		while (m.find())
			m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + Long.parseLong(m.group(2)) * s));
		m.appendTail(sb);
		return sb.toString();
	}

	/** Rewrites the DICOM header's Pixel Spacing (row\column, mm) for pixels s times smaller. */
	private static String scaleDicomSpacing(final String info, final int s) {
		final Matcher m = DICOM_SPACING.matcher(info);
		final StringBuilder sb = new StringBuilder();
		while (m.find()) {
			final String[] parts = m.group(2).split("\\\\");
			final StringBuilder v = new StringBuilder();
			try {
				for (int i = 0; i < parts.length; i++)
					v.append(i > 0 ? "\\" : "").append(fmt(Double.parseDouble(parts[i]) / s));
			}
			catch (final NumberFormatException e) {
				continue; // leave an unreadable value as it is
			}
			m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + v));
		}
		m.appendTail(sb);
		return sb.toString();
	}

	private static String fmt(final double v) {
		String s = String.format(Locale.ROOT, "%.10f", v);
		s = s.replaceAll("0+$", "");
		return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
	}
}
