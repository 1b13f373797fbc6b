package org.tilesr.api;

import ai.djl.Device;

import ij.ImagePlus;

import net.imglib2.FinalDimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.core.ChannelMapping;
import org.tilesr.core.DatasetStats;
import org.tilesr.core.Normalization;
import org.tilesr.core.Pipeline;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterSink;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;
import org.tilesr.io.OutputFile;
import org.tilesr.io.ImageJMetadata;
import org.tilesr.io.ImagePlusSink;
import org.tilesr.io.ImagePlusSource;
import org.tilesr.io.RasterFile;
import org.tilesr.io.ImgSink;
import org.tilesr.io.ImgSource;
import org.tilesr.model.DjlUpscaler;
import org.tilesr.model.Devices;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * The engine behind every entry point: a model loaded once on its device, then any number of rasters enhanced
 * with it through the streaming {@link Pipeline}. Use one per thread.
 */
public final class Enhancer implements AutoCloseable {

	private final EnhanceSettings settings;
	private final ModelCard card;
	private final ModelCard other;
	private final DjlUpscaler upscaler;
	private final Pipeline.Settings tiling;

	private Enhancer(final EnhanceSettings settings, final ModelCard card, final DjlUpscaler upscaler, final ModelCard other) {
		this.settings = settings;
		this.other = other;
		this.card = card;
		this.upscaler = upscaler;
		final boolean gpu = upscaler.model().getNDManager().getDevice().isGpu();
		final int halo = settings.halo() != null ? settings.halo() : card.settings().halo;
		// TileSR's own (RRDN) blocks, whose memory per pixel was measured, get larger CPU tiles; other models their card's
		final int tile = settings.tile() != null ? settings.tile() : gpu ? card.settings().tile_gpu
			: Models.isBlock(card) ? cpuTile(card.settings().tile, halo, card.settings().multiple, physicalMemory()) : card.settings().tile;
		this.tiling = new Pipeline.Settings(tile, halo, card.settings().multiple, settings.batch(), settings.memoryBudget());
	}

	/** Native memory a window pixel costs in the CPU forward of the ×4 RRDN (peak RSS per pixel, issue 15 note). */
	static final long CPU_BYTES_PER_PIXEL = 20_000;
	/**
	 * The CPU window the RRDN runs fastest per pixel: measured flat from 148² to 256² (15.5–15.8k input pixels/s on 2
	 * cores), then slower (13.1k at 320², 12.2k at 384², 10.8k at 448², ~6k at 512²).
	 */
	static final int CPU_WINDOW = 256;

	/**
	 * The CPU tile when none is asked for: windows of {@link #CPU_WINDOW} (so small images are one window and large
	 * ones have few overlaps), made smaller while a window would need more than a quarter of the machine's memory,
	 * never below the card's tile.
	 */
	static int cpuTile(final int cardTile, final int halo, final int multiple, final long physicalBytes) {
		int t = Math.max(cardTile, (CPU_WINDOW - 2 * halo) / multiple * multiple);
		while (t - multiple >= cardTile && (long) (t + 2 * halo) * (t + 2 * halo) * CPU_BYTES_PER_PIXEL > physicalBytes / 4)
			t -= multiple;
		return t;
	}

	/** This machine's memory (0 when the JVM cannot tell: then the card's tile stays). */
	static long physicalMemory() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
			? os.getTotalMemorySize() : 0;
	}

	/** Finds the model, chooses the device, loads the weights; logs the device line. */
	public static Enhancer open(final EnhanceSettings settings, final ModelCatalog catalog, final Progress progress) {
		final ModelCard card = catalog.find(settings.model(), settings.scale());
		final Device device = Devices.choose(settings.device());
		ModelCard other = null;
		if (settings.alpha() != null) {
			final String id = settings.blendWith() != null ? settings.blendWith() : card.settings().interpolate_with;
			if (id == null) throw new TileSRException("alpha", card.id + " names no model to interpolate with; give one (--blend-with ID)");
			other = catalog.find(id);
		}
		final ai.djl.ndarray.types.DataType precision = Models.precision(settings.precision(), card, device);
		progress.log("TileSR " + Version.get() + ": model=" + card.id + " scale=" + card.scale()
			+ (other == null ? "" : " alpha=" + settings.alpha() + " blend_with=" + other.id) + " " + Devices.describe(device)
			+ " precision=" + Models.precisionName(precision));
		final double alpha = settings.alpha() == null ? 1 : settings.alpha();
		final String warning = warning(card, other, alpha);
		if (warning != null) progress.log("warning: " + warning);
		final DjlUpscaler up = Models.load(card, other, alpha, device, settings.unverifiedWeights(), precision);
		for (final ModelCard c : other == null ? new ModelCard[] { card } : new ModelCard[] { card, other })
			if (c.weightsEntry().unverifiedSha256 != null)
				progress.log("unverified weights (the card gives no sha256): " + c.weightsFile() + " sha256 " + c.weightsEntry().unverifiedSha256);
		return new Enhancer(settings, card, up, other);
	}

	/**
	 * The card's warning (models that may add detail not in the data), when its weights take part: the model itself
	 * unless alpha is 0, its interpolation partner unless alpha is 1; null when none applies.
	 */
	public static String warning(final ModelCard card, final ModelCard other, final double alpha) {
		if (card.warning != null && alpha > 0) return card.id + (other == null || alpha == 1 ? "" : " (alpha " + alpha + ")") + ": " + card.warning;
		if (other != null && other.warning != null && alpha < 1) return other.id + " (weight " + (1 - alpha) + "): " + other.warning;
		return null;
	}

	/** The tiling this engine runs with (tile, halo, multiple, batch, memory budget). */
	public Pipeline.Settings tiling() {
		return tiling;
	}

	public ModelCard card() {
		return card;
	}

	public int scale() {
		return upscaler.scale();
	}

	/** Whether the network gets its input in channels-last memory order (TileSR's blocks on the CPU). */
	public boolean channelsLast() {
		return upscaler.channelsLast();
	}

	/** The loaded network (model.DjlUpscaler; benchmarks time its forward alone). */
	public org.tilesr.core.Upscaler upscaler() {
		return upscaler;
	}

	/** Refuses a missing or unreadable input, or an output that may not be written, before any model is loaded. */
	public static void checkFiles(final Path input, final Path output, final boolean overwrite) {
		if (!Files.exists(input)) throw new TileSRException(input, "no such file");
		if (!Files.isReadable(input)) throw new TileSRException(input, "cannot be read (no permission)");
		OutputFile.checkNotInput(input, output);
		OutputFile.checkWritable(output, overwrite);
	}

	/**
	 * Reads {@code input}, enhances every band, writes it to {@code output} in the input's type. DICOM and ImageJ
	 * TIFFs go through ImageJ (calibration, DICOM header). Other rasters stream by windows through GDAL when its
	 * JNI loads (any format; GeoTIFF, BigTIFF or COG out) or the pure-Java TIFF path, so their size is not limited
	 * by memory. Whatever goes wrong with the file (its reader's exceptions, running out of memory) ends as one
	 * {@link TileSRException} naming it.
	 */
	public void enhanceFile(final Path input, final Path output, final boolean overwrite, final Progress progress,
		final Cancel cancel)
	{
		OutputFile.checkNotInput(input, output);
		OutputFile.checkWritable(output, overwrite);
		try {
			write(input, output, overwrite, progress, cancel);
		}
		catch (final TileSRException | Cancel.CancelledException e) {
			throw e;
		}
		catch (final RuntimeException | OutOfMemoryError | StackOverflowError e) {
			throw new TileSRException(input, "cannot be enhanced (" + TileSRException.oneLine(e) + ")", e);
		}
	}

	private void write(final Path input, final Path output, final boolean overwrite, final Progress progress,
		final Cancel cancel)
	{
		final long t0 = System.nanoTime();
		final int s = scale();
		final RasterSink[] sink = new RasterSink[1];
		try (RasterFile file = RasterFile.open(input, settings.backend(), settings.cog())) {
			final RasterInfo i = file.source().info();
			if (!file.backend().equals("imagej")) org.tilesr.io.Limits.check(input, i.width(), i.height(), i.bands());
			run(file.source(), p -> sink[0] = file.sink(output, overwrite, s, p), input, progress, cancel);
			cancel.check();
			progress.log(String.format(Locale.ROOT, "wrote %s (%dx%dx%d, %s backend, %.1f s)", output, i.width() * s,
				i.height() * s, i.bands(), file.backend(), (System.nanoTime() - t0) / 1e9));
		}
		finally {
			if (sink[0] != null) sink[0].close();
		}
	}

	/** Enhances every plane of an image; the result has the same type, ×s size, scaled calibration and provenance. */
	public ImagePlus enhance(final ImagePlus in, final Path source, final Progress progress, final Cancel cancel) {
		final RasterSource src = new ImagePlusSource(in, source);
		final int s = scale();
		final ImagePlusSink sink = RasterFile.enhanced(in, s, src.info());
		final Map<String, String> provenance = run(src, p -> sink, source, progress, cancel);
		final ImagePlus out = sink.image();
		ImageJMetadata.scaled(in, out, s, provenance);
		return out;
	}

	/**
	 * Enhances an ImgLib2 image (axes X, Y and optionally bands) into a new image of the same pixel type, {@link #scale}
	 * times larger in X and Y: the same engine, normalization and blending as files get. For Fiji scripts and Java.
	 */
	public <T extends RealType<T>> Img<T> enhance(final RandomAccessibleInterval<T> in, final Progress progress, final Cancel cancel) {
		final ImgSource<T> src = new ImgSource<>(in);
		final int s = scale();
		final long[] dims = in.dimensionsAsLongArray();
		dims[0] *= s;
		dims[1] *= s;
		final T type = in.getType().createVariable();
		final Img<T> out = Util.getSuitableImgFactory(new FinalDimensions(dims), type).create(dims);
		run(src, p -> new ImgSink<>(out), null, progress, cancel);
		return out;
	}

	/**
	 * A super-resolved view of an ImgLib2 image, computed a cell at a time on first access and kept in a cache of at
	 * most {@code cachedCells} cells, so a raster far larger than memory can be browsed enhanced (BigDataViewer)
	 * without writing the whole output. See {@link LazyView}.
	 *
	 * @param cell the cells' side in output pixels (0: the engine's tile, so a cell is one network window)
	 */
	public <T extends NativeType<T> & RealType<T>> Img<T> lazy(final RandomAccessibleInterval<T> in, final int cell, final int cachedCells,
		final Cancel cancel)
	{
		return LazyView.create(this, in, cell, cachedCells, cancel);
	}

	/** The normalization of every band from the whole raster's statistics (the dataset-wide statistics). */
	Normalization[] normalizations(final RasterSource src, final Path source, final Cancel cancel) {
		try {
			return DatasetStats.normalizations(settings.normalization(), src, cancel);
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException(source == null ? "input" : source.toString(), e.getMessage(), e);
		}
	}

	/** Which bands go through the network together (RGB triplets) and which alone. */
	ChannelMapping channels(final RasterSource src, final Path source) {
		try {
			return ChannelMapping.withTriplets(src.info().bands(), settings.triplets());
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException(source == null ? "input" : source.toString(), e.getMessage(), e);
		}
	}

	Pipeline pipeline(final Progress progress, final Cancel cancel) {
		return new Pipeline(upscaler, tiling, progress, cancel);
	}

	/**
	 * Enhances a raster into a sink, made once the provenance is known (it goes into file headers), and commits it.
	 * Returns the provenance; the caller closes the sink.
	 *
	 * @throws TileSRException for settings that do not fit the raster
	 */
	public Map<String, String> run(final RasterSource src, final Function<Map<String, String>, RasterSink> sinks,
		final Path source, final Progress progress, final Cancel cancel)
	{
		final Normalization[] norms = normalizations(src, source, cancel);
		final ChannelMapping jobs = channels(src, source);
		final Pipeline pipeline = pipeline(progress, cancel);
		final org.tilesr.core.TileGrid grid = pipeline.grid(src.info());
		final Map<String, String> provenance = provenance(norms, source, grid);
		final RasterSink sink = sinks.apply(provenance);
		final Pipeline.Report r = pipeline.run(src, norms, jobs, sink);
		sink.commit();
		progress.log(String.format(Locale.ROOT,
			"%d tiles of %dx%d (%d all nodata, skipped) in %.1f s, model %.1f s; %.2f pixels computed per pixel needed; batch %d%s",
			r.tiles(), grid.windowWidth(), grid.windowHeight(), r.skipped(), r.wallSeconds(), r.modelSeconds(), r.computedPerNeeded(), r.finalBatch(),
			r.splits() > 0 ? ", tiles split " + r.splits() + "x after out-of-memory" : ""));
		return provenance;
	}

	private Map<String, String> provenance(final Normalization[] norms, final Path source, final org.tilesr.core.TileGrid grid) {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("tilesr.version", Version.get());
		m.put("tilesr.model", card.id);
		m.put("tilesr.model_sha256", sha256(card));
		if (other != null) {
			m.put("tilesr.alpha", Double.toString(settings.alpha()));
			m.put("tilesr.blend_with", other.id);
			m.put("tilesr.blend_with_sha256", sha256(other));
		}
		m.put("tilesr.scale", Integer.toString(scale()));
		final String[] d = Arrays.stream(norms).map(Normalization::describe).distinct().toArray(String[]::new);
		m.put("tilesr.normalization", d.length == 1 ? d[0]
			: Arrays.stream(norms).map(Normalization::describe).collect(Collectors.joining("; ")));
		m.put("tilesr.clipping", Arrays.stream(norms).anyMatch(Normalization::clips)
			? "yes: values outside the normalization range are clipped" : "none");
		if (!settings.triplets().isEmpty())
			m.put("tilesr.band_triplets", settings.triplets().stream().map(t -> (t[0] + 1) + "," + (t[1] + 1) + "," + (t[2] + 1))
				.collect(Collectors.joining(" ")));
		m.put("tilesr.tiles", grid.rows().get(0).size() + "x" + grid.rows().size() + " windows of " + grid.windowWidth() + "x" + grid.windowHeight());
		m.put("tilesr.halo", Integer.toString(grid.halo()));
		m.put("tilesr.blending", "sin2/cos2 crossover over the halo (x scale), centred on the line between tile cores");
		m.put("tilesr.device", upscaler.device());
		m.put("tilesr.precision", Models.precisionName(upscaler.precision()));
		if (source != null) m.put("tilesr.input", source.getFileName().toString());
		m.put("tilesr.created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		return m;
	}

	/** The weights' sha256 as verified, or as computed (marked unverified) when the card gives none. */
	private static String sha256(final ModelCard c) {
		final ModelCard.Weights w = c.weightsEntry();
		return w.unverifiedSha256 != null ? w.unverifiedSha256 + " (unverified: the card gives none)" : String.valueOf(w.sha256);
	}

	@Override
	public void close() {
		upscaler.close();
	}
}
