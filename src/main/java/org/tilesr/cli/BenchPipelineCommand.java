package org.tilesr.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Mirror;
import org.tilesr.core.Pipeline;
import org.tilesr.core.PixelType;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSink;
import org.tilesr.core.RasterSource;
import org.tilesr.core.TileGrid;
import org.tilesr.io.ImageJFiles;
import org.tilesr.io.ImagePlusSource;
import org.tilesr.io.TiffSink;
import org.tilesr.io.TiffSource;
import org.tilesr.model.ModelCatalog;

/**
 * {@code tilesr bench pipeline IN}: the whole engine (statistics pass, reading, normalization, inference,
 * blending, writing to a discarding sink) against a plain loop of forward calls over the same number of tiles of
 * the same shape and against one forward of the whole image per band (both with the engine's input memory order), and
 * against a plain tile-and-paste loop (contiguous input), in one run, after one warm-up forward. The engine runs twice;
 * the second run (TileSR's Java code loaded and compiled, as for every file after the first in a batch) is compared.
 * {@code tilesr bench raster OUT --size N --from IMG}: a large test raster made by
 * mirror-tiling a real image, streamed to a TIFF.
 */
final class BenchPipelineCommand {

	private BenchPipelineCommand() {}

	static int pipeline(final Args a, final PrintStream out, final PrintStream err) {
		final EnhanceSettings s = new EnhanceSettings().model(a.get("model", EnhanceSettings.DEFAULT_MODEL))
			.device(a.get("device", "auto")).tile(a.integer("tile")).halo(a.integer("halo"));
		final Integer batch = a.integer("batch");
		if (batch != null) s.batch(batch);
		a.rejectUnknown();
		if (a.positional.size() != 2) throw new TileSRException("bench pipeline", "needs one input file");
		final Path in = Path.of(a.positional.get(1));
		final Progress log = new Progress() {
			@Override
			public void log(final String line) {
				err.println(line);
			}
		};
		try (Enhancer e = Enhancer.open(s, ModelCatalog.standard(), log); RasterSource src = org.tilesr.io.Rasters.open(in)) {
			final RasterInfo i = src.info();
			final Pipeline.Settings t = e.tiling();
			final TileGrid g = t.grid(i.width(), i.height());
			final boolean cl = e.channelsLast();
			final Model model = ((org.tilesr.model.DjlUpscaler) e.upscaler()).model();
			plainForward(model, t.batch(), g.windowHeight(), g.windowWidth(), 1, cl); // every timing below runs warm
			final long t0 = System.nanoTime();
			e.run(src, p -> new Discard(), in, log, new Cancel());
			final double first = (System.nanoTime() - t0) / 1e9;
			final long t1 = System.nanoTime(); // again, with TileSR's own Java code loaded and compiled, as in a batch
			e.run(src, p -> new Discard(), in, Progress.NONE, new Cancel());
			final double wall = (System.nanoTime() - t1) / 1e9;
			final long tiles = (long) g.tileCount() * i.bands();
			final double forward = plainForward(model, t.batch(), g.windowHeight(), g.windowWidth(), tiles, cl);
			final int m = t.multiple();
			final double whole = plainForward(model, 1, (i.height() + m - 1) / m * m, (i.width() + m - 1) / m * m, i.bands(), cl);
			final double loop = plainLoop(model, i.height(), i.width(), i.bands(), 128, 10, m);
			out.println(String.format(Locale.ROOT,
				"bench pipeline: %s %dx%dx%d, model %s, tile %d halo %d batch %d: %d windows of %dx%d, %.3f pixels computed per pixel needed; "
					+ "engine %.2f s (first run in this JVM %.2f s), plain forward over the same windows %.2f s (ratio %.3f), one whole-image forward per band %.2f s (engine/whole %.3f), "
					+ "plain tile-and-paste loop (tile 128, pad 10) %.2f s (engine/loop %.3f); peak RSS %d MB",
				in.getFileName(), i.width(), i.height(), i.bands(), e.card().id, t.tile(), g.halo(), t.batch(), tiles, g.windowWidth(),
				g.windowHeight(), g.computedPerNeeded(), wall, first, forward, wall / forward, whole, wall / whole, loop, wall / loop, PeakMemory.megabytes()));
		}
		return 0;
	}

	/**
	 * Model seconds of the plain loop TileSR is compared with (Real-ESRGAN style): each {@code tile}² tile cropped with
	 * {@code pad} pixels of context that stop at the image border, run alone, edge tiles smaller (rounded up to
	 * {@code m}).
	 */
	static double plainLoop(final Model model, final int h, final int w, final int bands, final int tile, final int pad, final int m) {
		double sec = 0;
		for (int b = 0; b < bands; b++)
			for (int y = 0; y < h; y += tile)
				for (int x = 0; x < w; x += tile) {
					final int y0 = Math.max(0, y - pad), y1 = Math.min(h, y + tile + pad), x0 = Math.max(0, x - pad), x1 = Math.min(w, x + tile + pad);
					sec += plainForward(model, 1, (y1 - y0 + m - 1) / m * m, (x1 - x0 + m - 1) / m * m, 1);
				}
		return sec;
	}

	/** Seconds for {@code tiles} tiles as batches of {@code batch} through the block alone, contiguous input on the device. */
	static double plainForward(final Model model, final int batch, final int h, final int w, final long tiles) {
		return plainForward(model, batch, h, w, tiles, false);
	}

	/** As above; {@code channelsLast}: the input in channels-last memory order, as TileSR hands it to its own blocks on the CPU. */
	static double plainForward(final Model model, final int batch, final int h, final int w, final long tiles, final boolean channelsLast) {
		final Random rnd = new Random(1);
		final float[] data = new float[batch * 3 * h * w];
		for (int i = 0; i < data.length; i++)
			data[i] = rnd.nextFloat();
		long nanos = 0;
		try (NDManager m = model.getNDManager().newSubManager()) {
			final ParameterStore ps = new ParameterStore(m, false);
			for (long done = 0; done < tiles; done += batch) {
				final int n = (int) Math.min(batch, tiles - done);
				try (NDManager step = m.newSubManager()) {
					final NDArray x = channelsLast ? step.create(FloatBuffer.wrap(data, 0, n * 3 * h * w), new Shape(n, h, w, 3)).transpose(0, 3, 1, 2)
						: step.create(FloatBuffer.wrap(data, 0, n * 3 * h * w), new Shape(n, 3, h, w));
					final long t = System.nanoTime();
					final NDList y = model.getBlock().forward(ps, new NDList(x), false);
					y.head().max().getFloat();
					nanos += System.nanoTime() - t;
				}
			}
		}
		return nanos / 1e9;
	}

	/** Takes rows and forgets them. */
	private static final class Discard implements RasterSink {
		@Override
		public boolean interleaved() {
			return true;
		}

		@Override
		public void write(final int band, final int y, final int rows, final float[] data) {}

		@Override
		public void commit() {}

		@Override
		public void close() {}
	}

	static int raster(final Args a, final PrintStream out) {
		final Integer size = a.integer("size");
		final String from = a.get("from", null);
		final boolean overwrite = a.flag("overwrite");
		a.rejectUnknown();
		if (size == null || size < 1 || from == null || a.positional.size() != 2)
			throw new TileSRException("bench raster", "usage: bench raster OUT --size N --from IMAGE");
		final Path target = Path.of(a.positional.get(1));
		final ImagePlusSource src = new ImagePlusSource(ImageJFiles.open(Path.of(from)), Path.of(from));
		final RasterInfo i = src.info();
		final float[] img = new float[i.width() * i.height()];
		src.read(0, 0, 0, i.width(), i.height(), img);
		final PixelType type = i.type();
		final long t0 = System.nanoTime();
		try (TiffSink sink = new TiffSink(target, overwrite, size, size, 1, type, null)) {
			final int rows = 64;
			for (int y = 0; y < size; y += rows) {
				final int h = Math.min(rows, size - y);
				final float[] block = new float[h * size];
				for (int j = 0; j < h; j++)
					for (int x = 0; x < size; x++)
						block[j * size + x] = img[Mirror.symmetric(y + j, i.height()) * i.width() + Mirror.symmetric(x, i.width())];
				sink.write(0, y, h, block);
			}
			sink.commit();
		}
		out.println(String.format(Locale.ROOT, "bench raster: wrote %s, %dx%d %s, mirror-tiled from %s, in %.1f s", target, size, size,
			type, from, (System.nanoTime() - t0) / 1e9));
		return 0;
	}

}
