package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

/** Pipeline runs on random rasters of every type, and the exact answer of a nearest-neighbour upscaler. */
public final class PipelineRuns {

	private PipelineRuns() {}

	/** Random values over the type's range (float: Gaussian), the range's ends included. */
	public static MemoryRaster random(final RasterInfo info, final long seed) {
		final MemoryRaster r = new MemoryRaster(info);
		final Random rnd = new Random(seed);
		final PixelType t = info.type();
		for (int b = 0; b < info.bands(); b++) {
			final float[] v = r.band(b);
			for (int i = 0; i < v.length; i++)
				v[i] = t == PixelType.FLOAT32 ? (float) (rnd.nextGaussian() * 1000) : (float) (t.min() + rnd.nextInt((int) (t.max() - t.min() + 1)));
			v[0] = (float) (t == PixelType.FLOAT32 ? -3.5e4 : t.min());
			v[1] = (float) (t == PixelType.FLOAT32 ? 7.25e5 : t.max());
		}
		return r;
	}

	public static MemoryRaster run(final Upscaler up, final MemoryRaster in, final NormalizationSpec spec,
		final ChannelMapping jobs, final Pipeline.Settings settings, final List<String> log)
	{
		final RasterInfo i = in.info();
		final int s = up.scale();
		final MemoryRaster out = new MemoryRaster(new RasterInfo(i.width() * s, i.height() * s, i.bands(), i.type(), i.nodata(),
			i.groups(), i.valueScale(), i.valueOffset()));
		final Progress p = new Progress() {
			@Override
			public void log(final String line) {
				log.add(line);
			}
		};
		new Pipeline(up, settings, p, new Cancel()).run(in, DatasetStats.normalizations(spec, in, new Cancel()), jobs, out);
		return out;
	}

	/** tolerance: 0 for exact, else relative to (span + |value|), span the normalization's range */
	public static void assertNearest(final MemoryRaster in, final MemoryRaster out, final int s, final double tolerance) {
		final RasterInfo i = in.info();
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int b = 0; b < i.bands(); b++)
			for (final float v : in.band(b)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		final double span = hi - lo;
		for (int b = 0; b < i.bands(); b++)
			for (int y = 0; y < i.height() * s; y++)
				for (int x = 0; x < i.width() * s; x++) {
					final float e = in.get(b, x / s, y / s), g = out.get(b, x, y);
					if (tolerance == 0) assertEquals(e, g, "band " + b + " at " + x + "," + y);
					else assertEquals(e, g, tolerance * (span + Math.abs(e)), "band " + b + " at " + x + "," + y);
				}
	}
}
