package org.tilesr.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.MemoryRaster;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSource;
import org.tilesr.io.Rasters;
import org.tilesr.model.ModelCatalog;

/**
 * For real high-resolution rasters: degrade each band (bicubic ×1/s, rounded to the file's type, exactly as the
 * training pairs are made), enhance it with bicubic and with each model through the engine (normalization,
 * tiling, blending as in production), and measure PSNR, SSIM and the high-frequency ratio ({@link Metrics#hfRatio}) per
 * band against the original, in its own units, with a border of s pixels left out. The numbers in the model cards come from here.
 */
public final class Evaluation {

	public static final String BICUBIC = "bicubic";

	private Evaluation() {}

	/**
	 * @param models model ids; {@code id@alpha} interpolates the model with its card's {@code interpolate_with}
	 */
	public static EvalTable run(final List<Path> files, final int scale, final List<String> models, final String device,
		final NormalizationSpec normalization, final ModelCatalog catalog, final Progress progress, final Cancel cancel)
	{
		return run(files, f -> "", scale, models, device, normalization, catalog, progress, cancel);
	}

	/** A file's scene when none is given: the name of its folder. */
	public static String scene(final Path file) {
		final Path parent = file.toAbsolutePath().normalize().getParent();
		return parent == null || parent.getFileName() == null ? "." : parent.getFileName().toString();
	}

	/** The same, each file's rows marked with its scene ({@code sceneOf}), for {@link EvalTable#byScene}. */
	public static EvalTable run(final List<Path> files, final java.util.function.Function<Path, String> sceneOf, final int scale,
		final List<String> models, final String device, final NormalizationSpec normalization, final ModelCatalog catalog,
		final Progress progress, final Cancel cancel)
	{
		if (files.isEmpty()) throw new TileSRException("evaluate", "no files");
		final List<Enhancer> enhancers = new ArrayList<>();
		final EvalTable table = new EvalTable();
		try {
			for (final String m : models) {
				final String[] idAlpha = m.split("@", 2);
				final EnhanceSettings s = new EnhanceSettings().model(idAlpha[0]).device(device).scale(scale).normalization(normalization)
					.alpha(idAlpha.length > 1 ? Double.valueOf(idAlpha[1]) : null);
				enhancers.add(Enhancer.open(s, catalog, progress));
			}
			for (final Path f : files) {
				cancel.check();
				try (RasterSource src = Rasters.open(f)) {
					evaluate(f.getFileName().toString(), sceneOf.apply(f), src, scale, models, enhancers, table, cancel);
				}
				catch (final TileSRException | Cancel.CancelledException e) {
					throw e;
				}
				catch (final Exception e) {
					throw new TileSRException(f, "cannot evaluate it (" + e.getMessage() + ")", e);
				}
				progress.log(String.format(Locale.ROOT, "evaluated %s", f.getFileName()));
			}
		}
		finally {
			for (final Enhancer e : enhancers) e.close();
		}
		return table;
	}

	private static void evaluate(final String name, final String scene, final RasterSource src, final int s, final List<String> models,
		final List<Enhancer> enhancers, final EvalTable table, final Cancel cancel)
	{
		final RasterInfo i = src.info();
		final Degradation.Pair d = Degradation.of(src, s, 0);
		final Plane[] hr = d.hr();
		final RasterInfo li = d.lr().info();
		final int w = hr[0].width(), h = hr[0].height(), bands = hr.length;
		for (int b = 0; b < bands; b++) {
			final long t0 = System.nanoTime();
			final Plane up = Resample.upscale(new Plane(li.width(), li.height(), d.lr().band(b)), s);
			for (int k = 0; k < up.data().length; k++) up.data()[k] = i.type().fit(up.data()[k]);
			measure(table, name, scene, bands, b, BICUBIC, hr[b], up, s, (System.nanoTime() - t0) / 1e9);
		}
		for (int m = 0; m < enhancers.size(); m++) {
			final Enhancer e = enhancers.get(m);
			if (e.scale() != s) throw new TileSRException(models.get(m), "is x" + e.scale() + ", the evaluation is x" + s);
			final MemoryRaster out = new MemoryRaster(new RasterInfo(w, h, bands, i.type(), i.nodata(), i.groups(), i.valueScale(), i.valueOffset()));
			final long t0 = System.nanoTime();
			e.run(d.lr(), p -> out, null, Progress.NONE, cancel);
			final double sec = (System.nanoTime() - t0) / 1e9 / bands;
			for (int b = 0; b < bands; b++) measure(table, name, scene, bands, b, models.get(m), hr[b], new Plane(w, h, out.band(b)), s, sec);
		}
	}

	private static void measure(final EvalTable t, final String name, final String scene, final int bands, final int b, final String method,
		final Plane hr, final Plane test, final int s, final double seconds)
	{
		final double peak = Metrics.range(hr);
		t.add(new EvalTable.Row(name, bands > 1 ? b + 1 : 0, method, Metrics.psnr(hr, test, peak, s), Metrics.ssim(hr, test, peak, s), seconds, scene,
			Metrics.hfRatio(hr, test, s, s)));
	}
}
