package org.tilesr.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The streaming engine: row of tiles by row of tiles over a {@link RasterSource}, finished output rows to a
 * {@link RasterSink}. Three stages joined by bounded queues overlap reading, inference and writing: a reader
 * thread (windows, normalization, channel mapping, batches), the calling thread (model, with backoff), a writer
 * thread (blending, inverse normalization, rounding to the input type, nodata, sink). Memory is bounded by the
 * queues and the rows being blended, never by the image.
 */
public final class Pipeline {

	/** Tiling and batching; {@code memoryBudget} 0 means the free Java heap. */
	public record Settings(int tile, int halo, int multiple, int batch, long memoryBudget) {
		public Settings {
			if (tile < 1 || halo < 0 || multiple < 1 || batch < 1 || memoryBudget < 0)
				throw new IllegalArgumentException("bad pipeline settings " + tile + "/" + halo + "/" + multiple + "/" + batch);
		}

		/** The tile layout these settings give a raster of this size. */
		public TileGrid grid(final int width, final int height) {
			return new TileGrid(width, height, tile, halo, multiple);
		}
	}

	/** What a run did, for logs and benchmarks. */
	public record Report(long tiles, long skipped, double modelSeconds, double wallSeconds, int finalBatch, int splits,
		int backoffs, double computedPerNeeded) {}

	private static final int QUEUE = 2;

	private final Upscaler upscaler;
	private final Settings settings;
	private final Progress progress;
	private final Cancel cancel;

	public Pipeline(final Upscaler upscaler, final Settings settings, final Progress progress, final Cancel cancel) {
		this.upscaler = upscaler;
		this.settings = settings;
		this.progress = progress;
		this.cancel = cancel;
	}

	/** One tile row of one channel job, read and normalized. */
	private record Work(int job, int row, List<Piece> pieces, List<TileGrid.Tile> skipped, List<boolean[]> nodata,
		boolean endOfRow) {}

	private record Done(Work work, List<Piece> outputs) {}

	private static final Work END = new Work(-1, -1, List.of(), List.of(), List.of(), false);

	public TileGrid grid(final RasterInfo info) {
		return settings.grid(info.width(), info.height());
	}

	/**
	 * Enhances every band of {@code src} into {@code sink} (which the caller commits).
	 *
	 * @param norms one normalization per band
	 * @param jobs the channel mapping, see {@link ChannelMapping}
	 */
	public Report run(final RasterSource src, final Normalization[] norms, final ChannelMapping jobs, final RasterSink sink) {
		final long t0 = System.nanoTime();
		final RasterInfo info = src.info();
		final TileGrid grid = grid(info);
		final int s = upscaler.scale();
		final List<int[]> units = units(jobs.size(), grid.rows().size(), sink.interleaved());
		final long total = (long) jobs.size() * grid.tileCount();
		final Stitcher[] stitchers = new Stitcher[info.bands()];
		for (int b = 0; b < stitchers.length; b++)
			stitchers[b] = new Stitcher(info.width() * s, info.height() * s, s, grid.halo() * s);
		final TileRunner runner = new TileRunner(upscaler, settings.batch(), settings.multiple(), grid.halo(), settings.memoryBudget(), progress, cancel);
		final BlockingQueue<Work> toModel = new ArrayBlockingQueue<>(QUEUE);
		final BlockingQueue<Done> toWriter = new ArrayBlockingQueue<>(QUEUE);
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final long[] done = { 0, 0 };

		final Thread reader = thread("tilesr-reader", failure, () -> {
			for (final int[] u : units) {
				final List<TileGrid.Tile> row = grid.rows().get(u[1]);
				for (int i = 0; i < row.size(); i += settings.batch()) {
					final Work w = read(src, grid, norms, jobs.bands(u[0]), u[0], u[1],
						row.subList(i, Math.min(row.size(), i + settings.batch())), i + settings.batch() >= row.size());
					put(toModel, w, failure);
				}
			}
			put(toModel, END, failure);
		});
		final Thread writer = thread("tilesr-writer", failure, () -> {
			for (Done d; (d = take(toWriter, failure)).work != END;) {
				write(d, grid, s, info, norms, jobs, stitchers, sink);
				done[0] += d.work.pieces.size() + d.work.skipped.size();
				done[1] += d.work.skipped.size();
				final double sec = (System.nanoTime() - t0) / 1e9;
				progress.tiles(done[0], total, sec / done[0] * (total - done[0]));
			}
		});
		reader.start();
		writer.start();
		try {
			for (Work w; (w = take(toModel, failure)) != END;) {
				cancel.check();
				put(toWriter, new Done(w, w.pieces.isEmpty() ? List.of() : runner.run(w.pieces)), failure);
			}
			put(toWriter, new Done(END, List.of()), failure);
			join(writer, failure);
		}
		catch (final RuntimeException | Error e) {
			failure.compareAndSet(null, e);
		}
		finally {
			reader.interrupt();
			writer.interrupt();
			join(reader, null);
			join(writer, null);
		}
		final Throwable f = failure.get();
		if (f instanceof RuntimeException r) throw r;
		if (f instanceof Error e) throw e;
		if (f != null) throw new IllegalStateException(f);
		return new Report(total, done[1], runner.modelNanos() / 1e9, (System.nanoTime() - t0) / 1e9, runner.batch(),
			runner.splits(), runner.backoffs(), grid.computedPerNeeded());
	}

	/** (job, tile row) pairs: rows outside for interleaved sinks, jobs outside otherwise. */
	private static List<int[]> units(final int jobs, final int rows, final boolean interleaved) {
		final List<int[]> u = new ArrayList<>();
		if (interleaved) for (int r = 0; r < rows; r++)
			for (int j = 0; j < jobs; j++)
				u.add(new int[] { j, r });
		else for (int j = 0; j < jobs; j++)
			for (int r = 0; r < rows; r++)
				u.add(new int[] { j, r });
		return u;
	}

	private Work read(final RasterSource src, final TileGrid grid, final Normalization[] norms, final int[] bands,
		final int job, final int row, final List<TileGrid.Tile> tiles, final boolean endOfRow)
	{
		cancel.check();
		final RasterInfo info = src.info();
		final int ww = grid.windowWidth(), wh = grid.windowHeight(), plane = ww * wh;
		final float[] raw = new float[plane], scratch = new float[plane];
		final List<Piece> pieces = new ArrayList<>();
		final List<TileGrid.Tile> skipped = new ArrayList<>();
		final List<boolean[]> masks = new ArrayList<>();
		for (final TileGrid.Tile t : tiles) {
			final float[] data = new float[3 * plane];
			final boolean[] nodata = new boolean[plane];
			int valid = 0;
			for (int c = 0; c < 3; c++) {
				final int band = bands[bands.length == 1 ? 0 : c];
				if (c == 0 || bands.length == 3) {
					grid.readWindow(src, band, t, raw, scratch);
					final Normalization n = norms[band];
					for (int k = 0; k < plane; k++) {
						final float v = raw[k];
						if (info.isNodata(v)) {
							nodata[k] = true;
							data[c * plane + k] = 0;
						}
						else {
							data[c * plane + k] = n.forward(v);
							valid++;
						}
					}
				}
				else System.arraycopy(data, 0, data, c * plane, plane);
			}
			if (coreValid(nodata, t)) {
				pieces.add(new Piece(t, data));
				masks.add(valid == plane * (bands.length == 3 ? 3 : 1) ? null : nodata);
			}
			else skipped.add(t);
		}
		return new Work(job, row, pieces, skipped, masks, endOfRow);
	}

	/** Whether any core pixel inside the image has data (else the tile is not sent to the model). */
	private static boolean coreValid(final boolean[] nodata, final TileGrid.Tile t) {
		final int ww = t.windowWidth();
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (!nodata[(y + t.coreY()) * ww + x + t.coreX()]) return true;
		return false;
	}

	private void write(final Done d, final TileGrid grid, final int s, final RasterInfo info, final Normalization[] norms,
		final ChannelMapping jobs, final Stitcher[] stitchers, final RasterSink sink)
	{
		cancel.check();
		final int[] bands = jobs.bands(d.work.job);
		for (final Piece p : d.outputs) {
			final int plane = p.windowWidth() * s * p.windowHeight() * s;
			if (bands.length == 1) {
				final float[] mean = new float[plane];
				for (int k = 0; k < plane; k++)
					mean[k] = (p.data()[k] + p.data()[plane + k] + p.data()[2 * plane + k]) / 3;
				stitchers[bands[0]].add(mean, 0, p.tile());
			}
			else for (int c = 0; c < 3; c++)
				stitchers[bands[c]].add(p.data(), c * plane, p.tile());
		}
		for (int i = 0; i < d.work.pieces.size(); i++) {
			final boolean[] mask = d.work.nodata.get(i);
			if (mask != null) markNodata(mask, d.work.pieces.get(i).tile(), s, bands, stitchers);
		}
		for (final TileGrid.Tile t : d.work.skipped)
			for (final int b : distinct(bands))
				stitchers[b].markNodata(t.x() * s, t.y() * s, t.width() * s, t.height() * s);
		if (!d.work.endOfRow) return;
		final List<List<TileGrid.Tile>> rows = grid.rows();
		final int upTo = d.work.row + 1 < rows.size() ? rows.get(d.work.row + 1).get(0).windowY() * s : info.height() * s;
		for (final int b : distinct(bands)) {
			final int y = stitchers[b].emitted();
			final float[] v = stitchers[b].emit(upTo);
			if (v.length == 0) continue;
			final PixelType type = info.type();
			final float fill = info.hasNodata() ? (float) info.nodata() : Float.NaN;
			for (int k = 0; k < v.length; k++)
				v[k] = Float.isNaN(v[k]) ? (type.isInteger() && Float.isNaN(fill) ? 0 : fill) : type.fit(norms[b].inverse(v[k]));
			sink.write(b, y, v.length / (info.width() * s), v);
		}
	}

	/** Output pixels of nodata input pixels in the piece's core (nearest: each becomes s × s). */
	private static void markNodata(final boolean[] mask, final TileGrid.Tile t, final int s, final int[] bands, final Stitcher[] stitchers) {
		final int ww = t.windowWidth();
		for (int y = 0; y < t.height(); y++)
			for (int x = 0; x < t.width(); x++)
				if (mask[(y + t.coreY()) * ww + x + t.coreX()])
					for (final int b : distinct(bands))
						stitchers[b].markNodata((t.x() + x) * s, (t.y() + y) * s, s, s);
	}

	private static int[] distinct(final int[] bands) {
		return java.util.Arrays.stream(bands).distinct().toArray();
	}

	private Thread thread(final String name, final AtomicReference<Throwable> failure, final Runnable body) {
		final Thread t = new Thread(() -> {
			try {
				body.run();
			}
			catch (final Throwable e) {
				if (!(e instanceof Interrupted)) failure.compareAndSet(null, e);
			}
		}, name);
		t.setDaemon(true);
		return t;
	}

	private static <T> void put(final BlockingQueue<T> q, final T item, final AtomicReference<Throwable> failure) {
		try {
			while (!q.offer(item, 100, TimeUnit.MILLISECONDS))
				if (failure.get() != null) throw new Interrupted();
		}
		catch (final InterruptedException e) {
			throw new Interrupted();
		}
	}

	private static <T> T take(final BlockingQueue<T> q, final AtomicReference<Throwable> failure) {
		try {
			for (;;) {
				final T t = q.poll(100, TimeUnit.MILLISECONDS);
				if (t != null) return t;
				if (failure.get() != null) throw new Interrupted();
			}
		}
		catch (final InterruptedException e) {
			throw new Interrupted();
		}
	}

	private static void join(final Thread t, final AtomicReference<Throwable> failure) {
		try {
			while (t.isAlive()) {
				t.join(100);
				if (failure != null && failure.get() != null) throw new Interrupted();
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** A stage stopped because another one failed. */
	private static final class Interrupted extends RuntimeException {
		private static final long serialVersionUID = 1L;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "Pipeline[tile=%d halo=%d batch=%d]", settings.tile(), settings.halo(), settings.batch());
	}
}
