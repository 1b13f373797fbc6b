package org.tilesr.model;

import java.util.List;

/**
 * One measured result in a model card's {@code metrics}, as {@code tilesr evaluate --card} (and any caller of
 * {@link ModelCard#recordEvaluation}) writes it: a method's PSNR/SSIM, high-frequency ratio and gains, over the held-out files, one image,
 * one scene, or the mean over scenes. Fields left null are not written.
 */
public record CardMetric(String evaluation, String method, int bands, double psnr_db, double ssim, double psnr_gain_over_bicubic_db,
	Double psnr_gain_over_base_db, String base, int scale, List<String> held_out_files, String image, String scene, List<String> mean_over_scenes,
	Double hf_ratio)
{
	/** What every metric has, rounded as the summary tables show them (PSNR to 0.01 dB, SSIM to 0.0001). */
	private static CardMetric of(final String method, final int bands, final double psnr, final double ssim, final double overBicubic, final int scale) {
		return new CardMetric("tilesr evaluate", method, bands, round(psnr, 100), round(ssim, 10000), round(overBicubic, 100), null, null, scale, null,
			null, null, null, null);
	}

	/** A method's mean over the evaluated files. */
	public static CardMetric overFiles(final String method, final int bands, final double psnr, final double ssim, final double overBicubic,
		final int scale, final List<String> files)
	{
		final CardMetric m = of(method, bands, psnr, ssim, overBicubic, scale);
		return new CardMetric(m.evaluation, method, bands, m.psnr_db, m.ssim, m.psnr_gain_over_bicubic_db, null, null, scale, List.copyOf(files), null,
			null, null, null);
	}

	/** A method's mean over one image's bands. */
	public static CardMetric overImage(final String method, final int bands, final double psnr, final double ssim, final double overBicubic,
		final int scale, final String image)
	{
		final CardMetric m = of(method, bands, psnr, ssim, overBicubic, scale);
		return new CardMetric(m.evaluation, method, bands, m.psnr_db, m.ssim, m.psnr_gain_over_bicubic_db, null, null, scale, null, image, null, null, null);
	}

	/** A method on one scene ({@code scenes} null), or the mean over {@code scenes}, with the gain over the base model. */
	public static CardMetric overScene(final String method, final int bands, final double psnr, final double ssim, final double overBicubic,
		final double overBase, final String base, final int scale, final String scene, final List<String> scenes)
	{
		final CardMetric m = of(method, bands, psnr, ssim, overBicubic, scale);
		return new CardMetric(m.evaluation, method, bands, m.psnr_db, m.ssim, m.psnr_gain_over_bicubic_db, round(overBase, 100), base, scale, null, null,
			scenes == null ? scene : null, scenes == null ? null : List.copyOf(scenes), null);
	}

	/** The same with the high-frequency ratio to HR (rounded to 0.001; not written when NaN). */
	public CardMetric withHf(final double hf) {
		return new CardMetric(evaluation, method, bands, psnr_db, ssim, psnr_gain_over_bicubic_db, psnr_gain_over_base_db, base, scale, held_out_files, image,
			scene, mean_over_scenes, Double.isNaN(hf) ? null : round(hf, 1000));
	}

	private static double round(final double v, final double k) {
		return Math.round(v * k) / k;
	}
}
