package org.tilesr.api;

import java.util.LinkedHashMap;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.basictypeaccess.DataAccess;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.tilesr.core.Cancel;
import org.tilesr.core.ChannelMapping;
import org.tilesr.core.Normalization;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.WindowSource;
import org.tilesr.io.ImgSink;
import org.tilesr.io.ImgSource;

/**
 * A super-resolved ImgLib2 image whose cells are computed on first access: each cell's input rectangle, widened by
 * a margin of twice the engine's halo, goes through the engine's pipeline (the same tiling, normalization and
 * blending as a whole run), and the cell's part of the result is kept. The normalization comes from the whole
 * input's statistics, computed once when the view is made, so every cell is normalized alike. At most
 * {@code cachedCells} cells are held (least recently used ones are dropped and computed again when read again).
 * Cells hold every band; reads from several threads take turns on the engine.
 */
final class LazyView {

	private LazyView() {}

	static <T extends NativeType<T> & RealType<T>> Img<T> create(final Enhancer engine, final RandomAccessibleInterval<T> in, final int cell,
		final int cachedCells, final Cancel cancel)
	{
		if (cachedCells < 1) throw new IllegalArgumentException("a cache of " + cachedCells + " cells");
		final ImgSource<T> src = new ImgSource<>(in);
		final RasterInfo info = src.info();
		final Normalization[] norms = engine.normalizations(src, null, cancel);
		final ChannelMapping jobs = engine.channels(src, null);
		final int s = engine.scale();
		final int margin = 2 * engine.tiling().halo();
		// a cell is one network window by default: its input plus the margin fills one tile
		final int side = cell > 0 ? cell : Math.max(1, engine.tiling().tile() - 2 * margin) * s;
		final int n = in.numDimensions();
		final long[] dims = in.dimensionsAsLongArray();
		dims[0] *= s;
		dims[1] *= s;
		final int[] cellDims = n == 3 ? new int[] { side, side, info.bands() } : new int[] { side, side };
		final CellGrid grid = new CellGrid(dims, cellDims);
		final T type = in.getType().createVariable();
		final ArrayImgFactory<T> factory = new ArrayImgFactory<>(type);
		final Map<Long, Cell<DataAccess>> cache = new LinkedHashMap<>(16, 0.75f, true) {
			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(final Map.Entry<Long, Cell<DataAccess>> eldest) {
				return size() > cachedCells;
			}
		};
		final LazyCellImg.Get<Cell<DataAccess>> get = index -> {
			synchronized (cache) {
				final Cell<DataAccess> hit = cache.get(index);
				if (hit != null) return hit;
				final long[] min = new long[n];
				final int[] d = new int[n];
				grid.getCellDimensions(index, min, d);
				// the cell's input pixels, widened by the margin (clipped at the raster's edges)
				final int x0 = (int) Math.max(0, min[0] / s - margin), y0 = (int) Math.max(0, min[1] / s - margin);
				final int x1 = (int) Math.min(info.width(), -Math.floorDiv(-(min[0] + d[0]), s) + margin);
				final int y1 = (int) Math.min(info.height(), -Math.floorDiv(-(min[1] + d[1]), s) + margin);
				final ArrayImg<T, ?> pixels = factory.create(d);
				final WindowSource window = new WindowSource(src, x0, y0, x1 - x0, y1 - y0);
				engine.pipeline(Progress.NONE, cancel).run(window, norms, jobs, new ImgSink<>(pixels, min[0] - (long) x0 * s, min[1] - (long) y0 * s));
				final Cell<DataAccess> c = new Cell<>(d, min, (DataAccess) pixels.update(null));
				cache.put(index, c);
				return c;
			}
		};
		return new LazyCellImg<>(grid, type, get);
	}
}
