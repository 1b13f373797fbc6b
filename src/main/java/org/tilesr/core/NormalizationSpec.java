package org.tilesr.core;

import java.util.Locale;

/**
 * How to normalize, before the data is seen: the mode and its parameters. {@link DatasetStats} turns it into one
 * {@link Normalization} per band group.
 * <ul>
 * <li>{@code range}: the dataset's minimum..maximum (default; never clips).</li>
 * <li>{@code percentile}: the dataset's low..high percentiles (default 0.1..99.9), scaled without clipping unless
 * {@code clip}.</li>
 * <li>{@code fixed}: a given low..high in real values (e.g. reflectance 0..10000), clipping only if {@code clip}.</li>
 * <li>{@code ctwindow}: a CT window, centre and width in Hounsfield units (real values after the DICOM rescale);
 * always clips: values outside the window come back as the window's edges.</li>
 * <li>{@code type}: the sample type's full range (0..65535 for uint16); never clips.</li>
 * </ul>
 */
public record NormalizationSpec(Mode mode, double low, double high, boolean clip) {

	public enum Mode {
		RANGE, PERCENTILE, FIXED, CTWINDOW, TYPE;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Mode of(final String s) {
			for (final Mode m : values())
				if (m.id().equalsIgnoreCase(s.trim())) return m;
			throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", ids()));
		}

		/** The modes' names, as options and provenance write them. */
		public static java.util.List<String> ids() {
			return java.util.Arrays.stream(values()).map(Mode::id).toList();
		}
	}

	public NormalizationSpec {
		switch (mode) {
			case PERCENTILE:
				if (!(low >= 0 && low < high && high <= 100))
					throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got " + low + ", " + high);
				break;
			case FIXED:
				if (!(low < high)) throw new IllegalArgumentException("fixed range needs low < high, got " + low + ".." + high);
				break;
			case CTWINDOW:
				if (!(high > 0)) throw new IllegalArgumentException("CT window width must be positive, got " + high);
				break;
			default:
				break;
		}
	}

	public static final double DEFAULT_LOW_PERCENTILE = 0.1;
	public static final double DEFAULT_HIGH_PERCENTILE = 99.9;

	public static NormalizationSpec range() {
		return new NormalizationSpec(Mode.RANGE, 0, 0, false);
	}

	public static NormalizationSpec percentile(final double low, final double high, final boolean clip) {
		return new NormalizationSpec(Mode.PERCENTILE, low, high, clip);
	}

	public static NormalizationSpec fixed(final double low, final double high, final boolean clip) {
		return new NormalizationSpec(Mode.FIXED, low, high, clip);
	}

	/** A CT window: centre and width in HU. */
	public static NormalizationSpec ctWindow(final double centre, final double width) {
		return new NormalizationSpec(Mode.CTWINDOW, centre, width, true);
	}

	public static NormalizationSpec type() {
		return new NormalizationSpec(Mode.TYPE, 0, 0, false);
	}

	/**
	 * The spec of a mode with its two numbers: percentiles (percentile), values (fixed), centre and width in HU
	 * (ctwindow); ignored for range and type.
	 */
	public static NormalizationSpec of(final Mode mode, final double low, final double high, final boolean clip) {
		switch (mode) {
			case RANGE: return range();
			case TYPE: return type();
			case PERCENTILE: return percentile(low, high, clip);
			case FIXED: return fixed(low, high, clip);
			case CTWINDOW: return ctWindow(low, high);
			default: throw new AssertionError(mode);
		}
	}

	/** Whether values outside the mapped range are lost. */
	public boolean clips() {
		return clip || mode == Mode.CTWINDOW;
	}

	boolean needsHistogram() {
		return mode == Mode.PERCENTILE;
	}

	boolean needsStats() {
		return mode == Mode.RANGE || mode == Mode.PERCENTILE;
	}

	/** The normalization of one band group, in stored values, from the group's statistics (null when not needed). */
	Normalization resolve(final RasterInfo info, final DatasetStats.Group g) {
		final String what = mode.id();
		switch (mode) {
			case RANGE:
				return new Normalization(what, g.min(), g.max(), false);
			case PERCENTILE:
				return new Normalization(String.format(Locale.ROOT, "percentile %s..%s", Normalization.num(low), Normalization.num(high)),
					g.percentile(low), g.percentile(high), clip);
			case FIXED:
				return storedRange(info, what, low, high, clip);
			case CTWINDOW:
				return storedRange(info, String.format(Locale.ROOT, "ctwindow centre=%sHU width=%sHU", Normalization.num(low),
					Normalization.num(high)), low - high / 2, low + high / 2, true);
			case TYPE:
				if (!info.type().isInteger()) throw new IllegalArgumentException("normalization 'type' needs integer samples, not " + info.type());
				return new Normalization(what, info.type().min(), info.type().max(), false);
			default:
				throw new AssertionError(mode);
		}
	}

	private static Normalization storedRange(final RasterInfo info, final String what, final double realLow,
		final double realHigh, final boolean clip)
	{
		final double a = info.stored(realLow), b = info.stored(realHigh);
		return new Normalization(what, Math.min(a, b), Math.max(a, b), clip);
	}
}
