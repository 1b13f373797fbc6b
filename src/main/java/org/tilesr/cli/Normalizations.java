package org.tilesr.cli;

import org.tilesr.TileSRException;
import org.tilesr.core.NormalizationSpec;

/**
 * The normalization options: {@code --norm range|percentile|fixed|ctwindow|type}, with {@code --low/--high}
 * (percentiles), {@code --range LOW:HIGH} (fixed), {@code --window CENTRE:WIDTH} (CT, HU) and {@code --clip}.
 * {@code --range} or {@code --window} alone imply their mode.
 */
final class Normalizations {

	private Normalizations() {}

	static NormalizationSpec parse(final Args a) {
		final String range = a.get("range", null);
		final String window = a.get("window", null);
		final boolean clip = a.flag("clip");
		final String dflt = window != null ? "ctwindow" : range != null ? "fixed" : "range";
		final String mode = a.get("norm", dflt);
		final Double low = a.number("low"), high = a.number("high");
		try {
			final NormalizationSpec.Mode m = NormalizationSpec.Mode.of(mode);
			switch (m) {
				case PERCENTILE:
					return NormalizationSpec.of(m, low == null ? NormalizationSpec.DEFAULT_LOW_PERCENTILE : low,
						high == null ? NormalizationSpec.DEFAULT_HIGH_PERCENTILE : high, clip);
				case FIXED: {
					final double[] r = pair("--range", range, "LOW:HIGH");
					return NormalizationSpec.of(m, r[0], r[1], clip);
				}
				case CTWINDOW: {
					final double[] w = pair("--window", window, "CENTRE:WIDTH (HU), e.g. 40:400");
					return NormalizationSpec.of(m, w[0], w[1], clip);
				}
				default:
					return NormalizationSpec.of(m, 0, 0, clip);
			}
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("--norm", e.getMessage(), e);
		}
	}

	private static double[] pair(final String option, final String v, final String form) {
		if (v == null) throw new TileSRException(option, "is needed: " + form);
		final String[] p = v.split(":");
		try {
			if (p.length == 2) return new double[] { Double.parseDouble(p[0]), Double.parseDouble(p[1]) };
		}
		catch (final NumberFormatException e) {
			// falls through
		}
		throw new TileSRException(option, "'" + v + "' is not " + form);
	}
}
