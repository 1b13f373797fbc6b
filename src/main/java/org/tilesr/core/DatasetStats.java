package org.tilesr.core;

/**
 * Statistics of a whole dataset, per normalization group (all slices of a channel, or one spectral band), in one
 * streaming pass over row blocks (two for percentiles of float data). Nodata and NaN are left out. Never per tile.
 */
public final class DatasetStats {

	private static final int FLOAT_BINS = 1 << 16;
	private static final int BLOCK_VALUES = 1 << 22;

	/** Statistics of one group. */
	public static final class Group {
		private double min = Double.POSITIVE_INFINITY;
		private double max = Double.NEGATIVE_INFINITY;
		private long count;
		private long[] histogram;
		private double binLow;
		private double binWidth = 1;
		private boolean integerBins;

		public double min() {
			return count == 0 ? 0 : min;
		}

		public double max() {
			return count == 0 ? 0 : max;
		}

		public long count() {
			return count;
		}

		/** The p-th percentile (0..100): exact for integer samples, within 1/65536 of the range for float. */
		public double percentile(final double p) {
			if (count == 0) return 0;
			if (histogram == null) throw new IllegalStateException("no histogram was gathered");
			final double rank = p / 100 * (count - 1);
			long seen = 0;
			for (int i = 0; i < histogram.length; i++) {
				if (histogram[i] == 0) continue;
				if (seen + histogram[i] > rank) {
					if (integerBins) return binLow + i;
					final double frac = (rank - seen + 0.5) / histogram[i];
					return Math.min(max, Math.max(min, binLow + (i + frac) * binWidth));
				}
				seen += histogram[i];
			}
			return max;
		}
	}

	private final Group[] groups;

	private DatasetStats(final Group[] groups) {
		this.groups = groups;
	}

	public Group group(final int g) {
		return groups[g];
	}

	/** Reads the whole source once (twice for float percentiles) and gathers what {@code spec} needs. */
	public static DatasetStats scan(final RasterSource src, final boolean histogram, final Cancel cancel) {
		final RasterInfo info = src.info();
		final Group[] groups = new Group[info.groupCount()];
		for (int g = 0; g < groups.length; g++)
			groups[g] = new Group();
		final boolean intBins = histogram && info.type().isInteger();
		if (intBins) for (final Group g : groups) {
			g.integerBins = true;
			g.binLow = info.type().min();
			g.histogram = new long[(int) (info.type().max() - info.type().min() + 1)];
		}
		pass(src, cancel, (g, v) -> {
			if (v < g.min) g.min = v;
			if (v > g.max) g.max = v;
			g.count++;
			if (intBins) g.histogram[(int) (v - g.binLow)]++;
		}, groups);
		if (histogram && !intBins) {
			for (final Group g : groups) {
				g.histogram = new long[FLOAT_BINS];
				g.binLow = g.min();
				g.binWidth = g.max() > g.min() ? (g.max() - g.min()) / FLOAT_BINS : 1;
			}
			pass(src, cancel, (g, v) -> g.histogram[(int) Math.min(FLOAT_BINS - 1, (v - g.binLow) / g.binWidth)]++, groups);
		}
		return new DatasetStats(groups);
	}

	private interface Visitor {
		void accept(Group g, float v);
	}

	private static void pass(final RasterSource src, final Cancel cancel, final Visitor visit, final Group[] groups) {
		final RasterInfo info = src.info();
		final int rows = Math.max(1, Math.min(info.height(), BLOCK_VALUES / info.width()));
		final float[] buf = new float[rows * info.width()];
		for (int y = 0; y < info.height(); y += rows) {
			cancel.check();
			final int h = Math.min(rows, info.height() - y);
			for (int b = 0; b < info.bands(); b++) {
				src.read(b, 0, y, info.width(), h, buf);
				final Group g = groups[info.group(b)];
				final int n = h * info.width();
				for (int i = 0; i < n; i++) {
					final float v = buf[i];
					if (!info.isNodata(v)) visit.accept(g, v);
				}
			}
		}
	}

	/** One normalization per band, from the spec and these statistics. */
	public static Normalization[] normalizations(final NormalizationSpec spec, final RasterSource src, final Cancel cancel) {
		final RasterInfo info = src.info();
		final DatasetStats stats = spec.needsStats() ? scan(src, spec.needsHistogram(), cancel) : null;
		final Normalization[] perGroup = new Normalization[info.groupCount()];
		for (int g = 0; g < perGroup.length; g++)
			perGroup[g] = spec.resolve(info, stats == null ? null : stats.group(g));
		final Normalization[] perBand = new Normalization[info.bands()];
		for (int b = 0; b < perBand.length; b++)
			perBand[b] = perGroup[info.group(b)];
		return perBand;
	}
}
