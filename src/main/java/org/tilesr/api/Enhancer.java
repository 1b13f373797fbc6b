package org.tilesr.api;

import ai.djl.Device;

import ij.ImagePlus;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tilesr.core.Cancel;
import org.tilesr.core.Normalization;
import org.tilesr.core.PixelType;
import org.tilesr.core.Plane;
import org.tilesr.core.Progress;
import org.tilesr.core.Stats;
import org.tilesr.core.TiledEnhancer;
import org.tilesr.io.ImageJFiles;
import org.tilesr.io.ImageJMetadata;
import org.tilesr.model.DjlUpscaler;
import org.tilesr.model.Devices;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * The engine behind every entry point: a model loaded once on its device, then any number of images enhanced
 * with it. Use one per thread.
 */
public final class Enhancer implements AutoCloseable {

	private final EnhanceSettings settings;
	private final ModelCard card;
	private final DjlUpscaler upscaler;
	private final TiledEnhancer tiled;
	private final int tile;
	private final int halo;

	private Enhancer(final EnhanceSettings settings, final ModelCard card, final DjlUpscaler upscaler) {
		this.settings = settings;
		this.card = card;
		this.upscaler = upscaler;
		this.tile = settings.tile() != null ? settings.tile() : card.settings().tile;
		this.halo = settings.halo() != null ? settings.halo() : card.settings().halo;
		this.tiled = new TiledEnhancer(upscaler, tile, halo, settings.batch());
	}

	/** Finds the model, chooses the device, loads the weights; logs the device line. */
	public static Enhancer open(final EnhanceSettings settings, final ModelCatalog catalog, final Progress progress) {
		final ModelCard card = catalog.find(settings.model());
		final Device device = Devices.choose(settings.device());
		progress.log("TileSR " + Version.get() + ": model=" + card.id + " scale=" + card.scale() + " " + Devices.describe(device));
		return new Enhancer(settings, card, Models.load(card, device));
	}

	public ModelCard card() {
		return card;
	}

	public int scale() {
		return upscaler.scale();
	}

	/** Reads {@code input}, enhances every plane, writes a TIFF of the input's type to {@code output}. */
	public void enhanceFile(final Path input, final Path output, final boolean overwrite, final Progress progress,
		final Cancel cancel)
	{
		ImageJFiles.checkWritable(output, overwrite);
		final ImagePlus in = ImageJFiles.open(input);
		final long t0 = System.nanoTime();
		final ImagePlus out = enhance(in, input, progress, cancel);
		cancel.check();
		ImageJFiles.saveTiff(out, output, overwrite);
		progress.log(String.format(java.util.Locale.ROOT, "wrote %s (%dx%dx%d, %.1f s)", output, out.getWidth(),
			out.getHeight(), out.getStackSize(), (System.nanoTime() - t0) / 1e9));
	}

	/** Enhances every plane of an image; the result has the same type, ×s size, scaled calibration and provenance. */
	public ImagePlus enhance(final ImagePlus in, final Path source, final Progress progress, final Cancel cancel) {
		final PixelType type = ImageJFiles.pixelType(in, source);
		final int planes = in.getStackSize();
		final Normalization norm = normalization(in);
		final long total = (long) planes * tiled.tileCount(in.getWidth(), in.getHeight());
		final long[] done = { 0 };
		final List<Plane> outPlanes = new ArrayList<>(planes);
		for (int p = 0; p < planes; p++) {
			cancel.check();
			final Plane o = tiled.enhance(ImageJFiles.plane(in, p), norm, n -> {
				done[0] += n;
				progress.tiles(done[0], total);
				cancel.check();
			});
			final float[] v = o.data();
			for (int i = 0; i < v.length; i++)
				v[i] = type.fit(v[i]);
			outPlanes.add(o);
		}
		final ImagePlus out = ImageJFiles.create(title(in), type, outPlanes);
		ImageJMetadata.scaled(in, out, scale(), provenance(norm, source));
		return out;
	}

	private Normalization normalization(final ImagePlus in) {
		if (settings.normalization() != null) return settings.normalization();
		final Stats stats = new Stats();
		for (int p = 0; p < in.getStackSize(); p++)
			stats.add(ImageJFiles.plane(in, p));
		return stats.rangeNormalization();
	}

	private Map<String, String> provenance(final Normalization norm, final Path source) {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("tilesr.version", Version.get());
		m.put("tilesr.model", card.id);
		m.put("tilesr.model_sha256", String.valueOf(card.weightsEntry().sha256));
		m.put("tilesr.scale", Integer.toString(scale()));
		m.put("tilesr.normalization", norm.describe());
		m.put("tilesr.clipping", "none");
		m.put("tilesr.tile", Integer.toString(tile));
		m.put("tilesr.halo", Integer.toString(halo));
		m.put("tilesr.device", upscaler.device());
		if (source != null) m.put("tilesr.input", source.getFileName().toString());
		m.put("tilesr.created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		return m;
	}

	private static String title(final ImagePlus in) {
		final String t = in.getTitle() == null ? "image" : in.getTitle().replaceFirst("\\.[A-Za-z0-9]+$", "");
		return t + "-tilesr";
	}

	@Override
	public void close() {
		upscaler.close();
	}
}
