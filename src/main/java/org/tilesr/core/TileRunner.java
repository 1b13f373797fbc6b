package org.tilesr.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs pieces through the {@link Upscaler} in batches, with out-of-memory backoff: when the engine (GPU or native)
 * or the memory budget says no, the same tiles are retried with half the batch, then with half the tile size
 * (each tile as four quarter tiles with the same halo, cut from its window, so nothing is read again). Backoff
 * is sticky for the rest of the run, and every step is logged.
 */
final class TileRunner {

	/** Smallest tile core a split may produce. */
	static final int MIN_TILE = 16;

	private final Upscaler upscaler;
	private final int multiple;
	private final int halo;
	private final long memoryBudget;
	private final Progress progress;
	private final Cancel cancel;
	private int batch;
	private int splits;
	private long modelNanos;
	private int backoffs;

	TileRunner(final Upscaler upscaler, final int batch, final int multiple, final int halo, final long memoryBudget,
		final Progress progress, final Cancel cancel)
	{
		this.upscaler = upscaler;
		this.batch = batch;
		this.multiple = multiple;
		this.halo = halo;
		this.memoryBudget = memoryBudget;
		this.progress = progress;
		this.cancel = cancel;
	}

	/** Upscales the pieces; returns output pieces (possibly more than given, after splits). */
	List<Piece> run(final List<Piece> pieces) {
		List<Piece> todo = pieces;
		for (int k = 0; k < splits; k++)
			todo = splitAll(todo);
		final List<Piece> out = new ArrayList<>();
		for (int i = 0, j; i < todo.size(); i = j) { // batches of equal windows (split tiles may differ at borders)
			final Piece first = todo.get(i);
			j = i + 1;
			while (j < todo.size() && j - i < batch && todo.get(j).windowWidth() == first.windowWidth()
				&& todo.get(j).windowHeight() == first.windowHeight())
				j++;
			runChunk(todo.subList(i, j), out);
		}
		return out;
	}

	private List<Piece> splitAll(final List<Piece> pieces) {
		final List<Piece> out = new ArrayList<>();
		for (final Piece p : pieces)
			if (p.canSplit(multiple, MIN_TILE)) out.addAll(List.of(p.split(multiple, halo)));
			else out.add(p);
		return out;
	}

	private void runChunk(final List<Piece> chunk, final List<Piece> out) {
		cancel.check();
		try {
			out.addAll(forward(chunk));
		}
		catch (final RuntimeException | OutOfMemoryError e) {
			if (!isOutOfMemory(e)) throw e;
			final Piece first = chunk.get(0);
			if (chunk.size() > 1) {
				final int half = chunk.size() / 2;
				batch = Math.min(batch, half);
				backoff("batch " + chunk.size() + " -> " + half, e);
				runChunk(chunk.subList(0, half), out);
				runChunk(chunk.subList(half, chunk.size()), out);
			}
			else if (first.canSplit(multiple, MIN_TILE)) {
				splits++;
				backoff("tile " + first.tile().width() + "x" + first.tile().height() + " -> quarters", e);
				for (final Piece q : first.split(multiple, halo))
					runChunk(List.of(q), out);
			}
			else throw new org.tilesr.TileSRException("memory", "out of memory even for one " + first.tile().width() + "x"
				+ first.tile().height() + " tile (" + message(e) + ")", e);
		}
	}

	private void backoff(final String what, final Throwable e) {
		backoffs++;
		progress.log("out of memory (" + message(e) + "): retrying with " + what);
	}

	private List<Piece> forward(final List<Piece> chunk) {
		final Piece p0 = chunk.get(0);
		final int ww = p0.windowWidth(), wh = p0.windowHeight(), s = upscaler.scale();
		final long bytes = 4L * chunk.size() * 3 * ww * wh * (1 + (long) s * s) * 3;
		final long available = memoryBudget > 0 ? memoryBudget : freeHeap();
		if (bytes > available)
			throw new MemoryBudgetExceeded(String.format(Locale.ROOT, "a batch of %d %dx%d windows needs ~%.1f MB, %.1f MB available",
				chunk.size(), ww, wh, bytes / 1048576.0, available / 1048576.0));
		final TileBatch in = new TileBatch(chunk.size(), 3, wh, ww);
		for (int i = 0; i < chunk.size(); i++)
			System.arraycopy(chunk.get(i).data(), 0, in.data(), in.offset(i, 0), 3 * ww * wh);
		final long t = System.nanoTime();
		final TileBatch res = upscaler.upscale(in);
		modelNanos += System.nanoTime() - t;
		if (res.n() != chunk.size() || res.channels() != 3 || res.height() != wh * s || res.width() != ww * s)
			throw new IllegalStateException("the model returned " + res.n() + "x" + res.channels() + "x" + res.height() + "x"
				+ res.width() + " for " + chunk.size() + "x3x" + wh + "x" + ww + " at scale " + s);
		final List<Piece> out = new ArrayList<>(chunk.size());
		final int n = 3 * res.height() * res.width();
		for (int i = 0; i < chunk.size(); i++) {
			final Piece p = chunk.get(i);
			final float[] d = new float[n];
			System.arraycopy(res.data(), res.offset(i, 0), d, 0, n);
			out.add(new Piece(p.tile(), d));
		}
		return out;
	}

	private static long freeHeap() {
		final Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/** Engine out-of-memory (CUDA or CPU allocator), Java heap exhaustion, or the memory budget. */
	static boolean isOutOfMemory(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof OutOfMemoryError || t instanceof MemoryBudgetExceeded) return true;
			final String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
			if (m.contains("out of memory") || m.contains("can't allocate memory") || m.contains("cannot allocate memory")
				|| m.contains("not enough memory")) return true;
		}
		return false;
	}

	private static String message(final Throwable e) {
		final String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		final int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	int batch() {
		return batch;
	}

	int splits() {
		return splits;
	}

	int backoffs() {
		return backoffs;
	}

	long modelNanos() {
		return modelNanos;
	}

	/** The memory budget (Java heap, or the one set for the run) is too small for a batch. */
	static final class MemoryBudgetExceeded extends RuntimeException {
		private static final long serialVersionUID = 1L;

		MemoryBudgetExceeded(final String message) {
			super(message);
		}
	}
}
