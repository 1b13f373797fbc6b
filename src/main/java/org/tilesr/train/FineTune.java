package org.tilesr.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Progress;
import org.tilesr.model.Devices;
import org.tilesr.model.HalfWeights;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * Fine-tunes a Java-block model (the bundled RRDN) on real data through DJL (PyTorch): fidelity loss (L1 + SSIM; in the
 * gan stage also a discriminator, see {@link GanStage}),
 * Adam with a short warm-up and a cosine decay, float32 checkpoints every few steps and resume from them, progress,
 * any device. The result is a model folder: float16 weights and a card that records data, split and training.
 */
public final class FineTune {

	/**
	 * What to train; {@link #defaults} gives the defaults. With held-out files, the held-out scenes are measured every
	 * {@code validateEvery} steps, the best weights are kept and training stops after {@code patience} measurements
	 * without a better one (0: never).
	 */
	public record Settings(String base, String id, Path out, int steps, int batch, int patch, double lr, String loss, float ssimWeight,
		long seed, int checkpointEvery, double blur, double noise, String device, NormalizationSpec normalization,
		boolean augment, int validateEvery, int patience, double ema, String stage, float adversarial, float perceptual)
	{
		public static Settings defaults(final String base, final String id, final Path out) {
			return new Settings(base, id, out, DEFAULT_STEPS, 4, 32, 1e-4, "l1", 0.2f, 1, 100, 0, 0, "auto", NormalizationSpec.range(), true, 200, 5, 0,
				FIDELITY, GanStage.ADVERSARIAL, GanStage.PERCEPTUAL);
		}

		/** Whether this is the adversarial stage. */
		public boolean gan() {
			return GAN.equals(stage);
		}

		void check() {
			if (steps < 1 || batch < 1 || patch < 8 || !(lr > 0) || ssimWeight < 0 || checkpointEvery < 1 || blur < 0 || noise < 0
				|| validateEvery < 1 || patience < 0 || !(ema >= 0 && ema < 1) || !(adversarial >= 0) || !(perceptual >= 0))
				throw new TileSRException("fine-tune", "steps, batch, checkpoint and validation intervals ≥ 1, patch ≥ 8, lr > 0, ssim weight, blur, noise, patience, adversarial and perceptual weights ≥ 0 and 0 ≤ ema < 1 are needed");
			if (!FidelityLoss.PIXEL_LOSSES.contains(loss)) throw new TileSRException("fine-tune", "loss '" + loss + "' is not one of " + FidelityLoss.PIXEL_LOSSES);
			if (!STAGES.contains(stage)) throw new TileSRException("fine-tune", "stage '" + stage + "' is not one of " + STAGES);
			if (gan() && patch < 16) throw new TileSRException("fine-tune", "the gan stage needs --patch 16 or more");
			if (!id.matches("[A-Za-z0-9._-]+")) throw new TileSRException("fine-tune", "model id '" + id + "' may hold letters, digits, . _ - only");
		}
	}

	/** The stages: a fidelity fine-tune (pixel loss), then optionally ESRGAN's adversarial stage from a fidelity model. */
	public static final String FIDELITY = "fidelity", GAN = "gan";
	public static final List<String> STAGES = List.of(FIDELITY, GAN);

	public static final int DEFAULT_STEPS = 700;

	/** The outcome: the new card, the per-step losses (from step 0, resumed steps included) and the wall time. */
	public record Result(Path card, List<Float> losses, double seconds, String device) {}

	private FineTune() {}

	public static Result run(final Settings s, final List<Path> train, final List<Path> heldOut, final ModelCatalog catalog,
		final Progress progress, final Cancel cancel)
	{
		s.check();
		if (train.isEmpty()) throw new TileSRException("fine-tune", "no training files");
		final ModelCard base = catalog.find(s.base());
		if (!Models.isBlock(base))
			throw new TileSRException(base.id, "only Java-block models (djl_params or float16 " + HalfWeights.FORMAT + " weights) can be fine-tuned here");
		final Path cardFile = s.out().resolve(ModelCard.FILE);
		try {
			Files.createDirectories(s.out());
		}
		catch (final java.io.IOException e) {
			throw new TileSRException(s.out(), "cannot create the folder (" + e.getMessage() + ")", e);
		}
		if (Files.exists(cardFile)) throw new TileSRException(cardFile, "exists already; fine-tune into a new folder");
		final Device device = Devices.choose(s.device());
		progress.log("TileSR fine-tune: " + base.id + " -> " + s.id() + ", " + Devices.describe(device));
		if (!device.isGpu()) progress.log("oneDNN kernels: ONEDNN_MAX_CPU_ISA=" + onednnIsa() + " (steps with non-finite gradients are repeated)");
		final long t0 = System.nanoTime();
		final TrainingData data = TrainingData.load(train, base.scale(), s.normalization(), s.blur(), s.noise(), s.augment(), cancel);
		progress.log(String.format(Locale.ROOT, "training planes: %d from %d files in %d scenes %s (%.1f s to load)", data.pairs().size(),
			train.size(), data.scenes().size(), data.scenes(), (System.nanoTime() - t0) / 1e9));
		final EarlyStopping stopping = heldOut.isEmpty() ? null
			: new EarlyStopping(Validation.of(heldOut, base.scale(), s.normalization(), 24, s.seed(), cancel), s.validateEvery(),
				s.patience(), !s.gan(), s.out());
		if (stopping != null) progress.log("validation: " + stopping.windows() + " windows of " + Validation.WINDOW + "² from the held-out scenes "
			+ stopping.scenes() + ", every " + s.validateEvery() + " steps" + (s.gan() ? " (measured, not used to choose: the gan stage keeps its last weights)"
				: s.patience() > 0 ? ", patience " + s.patience() : ""));
		if (s.gan()) progress.log("gan stage: " + Cards.loss(s) + "; discriminator trained from scratch. " + Cards.GAN_WARNING);
		final Checkpoint ckpt = new Checkpoint(s.out());
		try (Model model = Models.trainable(base, device); GanStage gan = s.gan() ? new GanStage(device, s, s.patch() * base.scale()) : null) {
			final List<Float> losses = new ArrayList<>();
			final int start = ckpt.resume(model, gan == null ? null : gan.model(), s, losses);
			if (start > 0) progress.log("resuming at step " + start + " from " + ckpt.folder() + " (Adam's moments start afresh)");
			if (stopping != null) {
				stopping.resume(start);
				if (stopping.history().isEmpty()) stopping.measure(model, 0, progress); // the base model's scores
			}
			final WeightAverage average = s.ema() > 0 ? new WeightAverage(model.getBlock(), s.ema()) : null;
			if (average != null) progress.log("weights averaged over steps (decay " + s.ema() + ")" + (start > 0 ? ", from the resumed weights" : ""));
			final Run run = train(model, gan, data, s, start, losses, ckpt, stopping, average, progress, cancel);
			final double seconds = run.seconds() + ckpt.secondsBefore();
			if (stopping != null && stopping.chooses() && stopping.chosen() != null) {
				Checkpoint.load(model, stopping.bestWeights());
				progress.log("kept the weights of step " + stopping.chosen().step() + " (best on the held-out scenes)");
			}
			else if (average != null) average.apply(model.getNDManager());
			if (stopping != null && stopping.chosen() != null) Curve.write(s.out().resolve("training-curve.png"), losses, stopping);
			final Path weights = s.out().resolve("weights.safetensors");
			HalfWeights.save(model.getBlock(), weights);
			final Path card = Cards.fineTuned(base, s, weights, train, heldOut, losses, seconds, run.repeated(), model.getNDManager().getDevice(),
				stopping);
			progress.log(String.format(Locale.ROOT, "wrote %s (%d steps, %.0f s, loss %.4f -> %.4f)", card, losses.size(), seconds,
				mean(losses, 0, 50), mean(losses, losses.size() - 50, losses.size())));
			if (s.gan()) progress.log("warning: " + s.id() + ": " + Cards.GAN_WARNING);
			return new Result(card, losses, seconds, Devices.describe(model.getNDManager().getDevice()));
		}
	}

	/**
	 * The training loop from {@code start}; returns its wall time and repeated steps. DJL's Trainer is not used, so that the
	 * gradients can be checked before every update: oneDNN's AVX2/AVX-512 training kernels were seen to return
	 * non-finite gradients for every parameter with a finite loss now and then on an AMD EPYC (docs/models.md; none
	 * with {@code ONEDNN_MAX_CPU_ISA=AVX}). Such a step is zeroed and repeated (five times at most, then the run stops
	 * naming that setting); a non-finite loss stops the run with the last checkpoint kept. With a {@link GanStage} (the
	 * gan stage; null otherwise) each step also trains its discriminator.
	 */
	static Run train(final Model model, final GanStage gan, final TrainingData data, final Settings s, final int start, final List<Float> losses,
		final Checkpoint ckpt, final EarlyStopping stopping, final WeightAverage average, final Progress progress, final Cancel cancel)
	{
		final long t0 = System.nanoTime();
		final Block block = model.getBlock();
		final ParameterStore store = new ParameterStore(model.getNDManager(), false);
		final FidelityLoss lossFn = new FidelityLoss(s.loss(), s.ssimWeight());
		final Adam adam = new Adam(block, step -> rate(s, step));
		final int p = s.patch(), P = p * data.scale(), n = s.batch();
		final float[] lr = new float[n * 3 * p * p], hr = new float[n * P * P];
		int retries = 0;
		for (int step = start; step < s.steps(); step++) {
			cancel.check();
			data.batch(s.seed(), step, n, p, lr, hr);
			float loss = Float.NaN;
			for (int attempt = 0; ; attempt++) {
				final boolean done;
				try (NDManager m = model.getNDManager().newSubManager()) {
					// duplicate(): tensors that own their memory (create() borrows a Java direct buffer)
					final NDArray x = m.create(lr, new Shape(n, 3, p, p)).duplicate(), y = m.create(hr, new Shape(n, 1, P, P)).duplicate();
					final NDArray out;
					try (GradientCollector gc = model.getNDManager().getEngine().newGradientCollector()) {
						out = block.forward(store, new NDList(x), true).head().mean(new int[] { 1 }, true);
						final NDArray fidelity = lossFn.evaluate(new NDList(y), new NDList(out));
						final NDArray l = gan == null ? fidelity : gan.generatorLoss(fidelity, y, out);
						gc.backward(l);
						loss = l.getFloat();
					}
					if (!Float.isFinite(loss))
						throw new TileSRException("fine-tune", "the loss became " + loss + " at step " + step + "; try a lower --lr (last checkpoint kept)");
					done = adam.step(step, m);
					if (gan != null) gan.afterGenerator(done, step, y, out, m);
					if (done && average != null) average.update(m);
				}
				if (done) break;
				retries++;
				progress.log("step " + (step + 1) + ": non-finite gradients with a finite loss; step repeated (if this recurs on CPU, "
					+ "ONEDNN_MAX_CPU_ISA=AVX avoids it)");
				if (attempt == 4) throw new TileSRException("fine-tune", "non-finite gradients 5 times in a row at step " + step
					+ " (last checkpoint kept; on CPU, ONEDNN_MAX_CPU_ISA=AVX avoids them)");
			}
			losses.add(loss);
			final int done = step + 1;
			final double elapsed = (System.nanoTime() - t0) / 1e9;
			progress.tiles(done, s.steps(), elapsed / (done - start) * (s.steps() - done));
			if (done % 10 == 0 || done == s.steps())
				progress.log(String.format(Locale.ROOT, "step %d/%d loss %.5f (mean of last 10)%s lr %.2e %.2f s/step", done, s.steps(),
					mean(losses, losses.size() - 10, losses.size()), gan == null ? "" : gan.recent(), rate(s, done), elapsed / (done - start)));
			final boolean stop = stopping != null && stopping.due(done, s.steps()) && (average == null ? stopping.measure(model, done, progress)
				: average.with(model.getNDManager(), () -> stopping.measure(model, done, progress)));
			if (done % s.checkpointEvery() == 0 || done == s.steps() || stop) ckpt.save(model, gan == null ? null : gan.block(), s, losses, elapsed);
			if (stop) {
				progress.log("early stop at step " + done + ": no better validation in " + s.patience() + " measurements");
				break;
			}
		}
		if (retries > 0) progress.log(retries + " step(s) repeated for non-finite gradients");
		if (gan != null && gan.skipped() > 0) progress.log(gan.skipped() + " discriminator update(s) skipped for non-finite gradients");
		return new Run((System.nanoTime() - t0) / 1e9, retries);
	}

	/** The oneDNN instruction-set limit this process runs with: {@code ONEDNN_MAX_CPU_ISA}, or "default" (the fastest). */
	static String onednnIsa() {
		final String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
		return isa == null ? "default" : isa;
	}

	/** Wall time of a training run and the steps it repeated. */
	record Run(double seconds, int repeated) {}

	/** Learning rate at an update: linear warm-up over 5 % of the steps (at most 50), then cosine down to a tenth. */
	static double rate(final Settings s, final int update) {
		final int warm = Math.max(1, Math.min(50, s.steps() / 20));
		if (update < warm) return s.lr() * (0.1 + 0.9 * update / warm);
		final double t = Math.min(1, (update - warm) / (double) Math.max(1, s.steps() - warm));
		return s.lr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)));
	}

	static double mean(final List<Float> v, final int from, final int to) {
		final int a = Math.max(0, from), b = Math.min(v.size(), to);
		double sum = 0;
		for (int i = a; i < b; i++) sum += v.get(i);
		return b > a ? sum / (b - a) : Double.NaN;
	}
}
