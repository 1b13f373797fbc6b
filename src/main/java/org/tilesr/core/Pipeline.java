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
			final TileEncoder encoder = new TileEncoder(src, grid, norms);
			for (final int[] u : units) {
				final List<TileGrid.Tile> row = grid.rows().get(u[1]);
				for (int i = 0; i < row.size(); i += settings.batch()) {
					final Work w = read(encoder, jobs.bands(u[0]), u[0], u[1],
						row.subList(i, Math.min(row.size(), i + settings.batch())), i + settings.batch() >= row.size());
					put(toModel, w, failure);
				}
			}
			put(toModel, END, failure);
		});
		final TileDecoder decoder = new TileDecoder(s, stitchers);
		final OutputMapping mapping = new OutputMapping(info);
		final Thread writer = thread("tilesr-writer", failure, () -> {
			for (Done d; (d = take(toWriter, failure)).work != END;) {
				write(d, grid, s, info, norms, jobs, stitchers, decoder, mapping, sink);
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

	/** A batch of one tile row's tiles of one band job, encoded for the network (tiles without data skipped). */
	private Work read(final TileEncoder encoder, final int[] bands, final int job, final int row, final List<TileGrid.Tile> tiles,
		final boolean endOfRow)
	{
		cancel.check();
		final List<Piece> pieces = new ArrayList<>();
		final List<TileGrid.Tile> skipped = new ArrayList<>();
		final List<boolean[]> masks = new ArrayList<>();
		for (final TileGrid.Tile t : tiles) {
			final TileEncoder.Encoded e = encoder.encode(bands, t);
			if (e == null) skipped.add(t);
			else {
				pieces.add(new Piece(t, e.data()));
				masks.add(e.nodata());
			}
		}
		return new Work(job, row, pieces, skipped, masks, endOfRow);
	}

	/** Decodes a batch's outputs into the stitchers; at the end of a tile row, the rows no later tile touches go out. */
	private void write(final Done d, final TileGrid grid, final int s, final RasterInfo info, final Normalization[] norms,
		final ChannelMapping jobs, final Stitcher[] stitchers, final TileDecoder decoder, final OutputMapping mapping, final RasterSink sink)
	{
		cancel.check();
		final int[] bands = jobs.bands(d.work.job);
		for (final Piece p : d.outputs) decoder.decode(p, bands);
		for (int i = 0; i < d.work.pieces.size(); i++) {
			final boolean[] mask = d.work.nodata.get(i);
			if (mask != null) decoder.markNodata(mask, d.work.pieces.get(i).tile(), bands);
		}
		for (final TileGrid.Tile t : d.work.skipped) decoder.markSkipped(t, bands);
		if (!d.work.endOfRow) return;
		final List<List<TileGrid.Tile>> rows = grid.rows();
		final int upTo = d.work.row + 1 < rows.size() ? rows.get(d.work.row + 1).get(0).windowY() * s : info.height() * s;
		for (final int b : TileDecoder.distinct(bands)) {
			final int y = stitchers[b].emitted();
			final float[] v = stitchers[b].emit(upTo);
			if (v.length == 0) continue;
			mapping.apply(v, norms[b]);
			sink.write(b, y, v.length / (info.width() * s), v);
		}
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
