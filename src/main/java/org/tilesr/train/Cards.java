package org.tilesr.train;

import ai.djl.Device;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tilesr.TileSRException;
import org.tilesr.api.Version;
import org.tilesr.model.HalfWeights;
import org.tilesr.model.CardTraining;
import org.tilesr.model.ModelCard;
import org.tilesr.model.Sha256;
import org.tilesr.io.OutputFile;

/** Model cards of fine-tuned models: the base card with new weights, data, split and training record. */
final class Cards {

	private Cards() {}

	/** What a gan-stage card says, and what the engine repeats when such a model is used. */
	static final String GAN_WARNING = "adversarially trained (ESRGAN's GAN stage): it may add plausible detail that is not in the data; "
		+ "not for quantitative measurement";

	static Path fineTuned(final ModelCard base, final FineTune.Settings s, final Path weights, final List<Path> train,
		final List<Path> heldOut, final List<Float> losses, final double seconds, final int repeated, final Device device,
		final EarlyStopping stopping)
	{
		try {
			final JsonObject c = JsonParser.parseString(Files.readString(base.folder().resolve(ModelCard.FILE))).getAsJsonObject();
			c.remove("format_version"); // older cards claimed a bioimage.io version they do not meet
			// A further stage of the same model (its id kept: e.g. an L2 stage after L1) stays a fine-tune of the same
			// pretrained base: that base is what it is measured against and interpolated with; the stage it continues is recorded.
			final Object root = base.source == null ? null : base.source.get("fine_tuned_from");
			final boolean stage = base.id.equals(s.id()) && root != null;
			final String partner = stage && base.settings().interpolate_with != null ? base.settings().interpolate_with : base.id;
			c.addProperty("id", s.id());
			c.addProperty("name", s.id() + " (fine-tuned from " + base.id + ")");
			if (s.gan()) {
				c.addProperty("description", "RRDN trained by TileSR in ESRGAN's adversarial (GAN) stage from the fidelity model " + base.id
					+ " on the files listed under training_data: " + loss(s) + ". The discriminator is VGG-style (strided convolutions, LeakyReLU, "
					+ "no batch normalization), trained from scratch; the perceptual term matches the discriminator's features before "
					+ "activation, because no pretrained VGG is available offline. It trades fidelity (PSNR) for fine detail: it may add plausible "
					+ "detail that is not in the data and is not for quantitative measurement. Network interpolation (--alpha) blends it with "
					+ partner + ": alpha 0 is that fidelity model, 1 this one (ESRGAN's control).");
				c.addProperty("warning", GAN_WARNING);
			}
			else {
				c.remove("warning");
				c.addProperty("description", "RRDN fine-tuned by TileSR from " + base.id + " on the files listed under training_data, "
					+ "with " + (s.ssimWeight() == 0 ? "an " + loss(s) + " loss" : "a fidelity loss (" + loss(s) + ")")
					+ (s.ema() > 0 ? ", keeping a moving average of the weights" : "") + "; no adversarial or perceptual (VGG) loss: no "
					+ "pretrained VGG is available offline, so this is a fidelity (PSNR-oriented) model. Network interpolation "
					+ "(--alpha) blends it with " + partner + ".");
			}
			final JsonArray tags = new JsonArray();
			for (final String t : new String[] { "super-resolution", "esrgan", "rrdn", "fine-tuned", "x" + base.scale() }) tags.add(t);
			if (s.gan()) tags.add("gan");
			c.add("tags", tags);
			final JsonObject src = new JsonObject();
			if (stage) {
				src.addProperty("fine_tuned_from", root.toString());
				src.addProperty("base_weights_sha256", String.valueOf(base.source.get("base_weights_sha256")));
				src.addProperty("continues", base.id + " with weights sha256 " + base.weightsEntry().sha256);
				src.add("previous_stage", c.get("source"));
			}
			else {
				src.addProperty("fine_tuned_from", base.id);
				src.addProperty("base_weights_sha256", base.weightsEntry().sha256);
				src.add("base_source", c.get("source"));
			}
			c.add("source", src);
			final JsonObject data = new JsonObject();
			data.addProperty("description", "Real acquisitions (see ../shared/data/README.md and docs/models.md for sources and licences); "
				+ "low-resolution inputs made by bicubic x" + base.scale() + " downscaling (MATLAB-style antialiased)"
				+ (s.blur() > 0 ? " after a Gaussian blur sigma " + s.blur() : "") + (s.noise() > 0 ? ", Gaussian noise sigma " + s.noise() : "")
				+ "; normalization: " + s.normalization().mode().id() + ", as at inference; a file's folder is its scene; split by scene"
				+ " (held-out scenes are never trained on); patches drawn evenly across the training scenes, windows with nodata, fill or"
				+ " mostly saturated pixels skipped" + (s.augment() ? ", each in one of the eight flips/rotations." : "."));
			data.add("train", names(train));
			data.add("held_out", names(heldOut));
			data.add("train_scenes", scenes(train));
			data.add("held_out_scenes", scenes(heldOut));
			data.addProperty("base_training_data", "DIV2K (through " + base.id + "; academic-use terms)");
			c.add("training_data", data);
			final JsonObject w = new JsonObject(), f16 = new JsonObject();
			f16.addProperty("source", weights.getFileName().toString());
			f16.addProperty("sha256", Sha256.of(weights));
			f16.addProperty("precision", "float16 storage, float32 compute");
			w.add(HalfWeights.FORMAT, f16);
			c.add("weights", w);
			final JsonObject cfg = c.getAsJsonObject("config").getAsJsonObject("tilesr");
			cfg.addProperty("interpolate_with", partner);
			CardTraining.Validation validation = null;
			if (stopping != null && stopping.chosen() != null) {
				final Map<String, Double> kept = new LinkedHashMap<>(), atBase = new LinkedHashMap<>();
				stopping.chosen().gains().forEach((k, g) -> kept.put(k, Math.round(g * 1000) / 1000.0));
				if (stopping.base() != null) stopping.base().gains().forEach((k, g) -> atBase.put(k, Math.round(g * 1000) / 1000.0));
				validation = new CardTraining.Validation("every " + stopping.every() + " steps, " + stopping.windows() + " windows of " + Validation.WINDOW
					+ "² (low resolution) from the held-out scenes; gain of PSNR over bicubic on their centres" + (stopping.chooses()
						? "; kept: the best step with no scene below the base model (step 0), else the best mean; early stop after " + s.patience()
							+ " measurements without a better one"
						: " and high-frequency ratio to the real image (log); measured, not used to choose: the gan stage keeps its last weights"),
					stopping.chosen().step(), losses.size(), kept, atBase, EarlyStopping.LOG, "training-curve.png");
			}
			final CardTraining t = new CardTraining(losses.size(), s.batch(), s.patch(), s.patch() * base.scale(),
				"Adam, lr " + s.lr() + ", warm-up then cosine to lr/10", loss(s),
				s.ema() > 0 ? "moving average of the weights over the steps, decay " + s.ema() : null,
				s.augment() ? "the eight flips/rotations" : "none", s.seed(), FineTune.mean(losses, 0, 50),
				FineTune.mean(losses, losses.size() - 50, losses.size()), Math.round(seconds), repeated, FineTune.onednnIsa(),
				device.toString() + " (" + Runtime.getRuntime().availableProcessors() + " cores)", Version.get(),
				Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "training-log.csv", validation, s.stage(),
				s.gan() ? Discriminator.DESCRIPTION : null);
			c.add("training", ModelCard.json(t));
			c.add("metrics", new JsonArray());
			final Path card = s.out().resolve(ModelCard.FILE);
			writeLog(s.out().resolve("training-log.csv"), losses);
			ModelCard.write(card, c, false);
			return card;
		}
		catch (final IOException e) {
			throw new TileSRException(s.out(), "cannot write the model card (" + e.getMessage() + ")", e);
		}
	}

	private static JsonArray scenes(final List<Path> files) {
		final JsonArray a = new JsonArray();
		files.stream().map(TrainingData::scene).distinct().forEach(a::add);
		return a;
	}

	private static JsonArray names(final List<Path> files) {
		final JsonArray a = new JsonArray();
		for (final Path f : files) a.add(f.getParent() == null ? f.toString() : f.getParent().getFileName() + "/" + f.getFileName());
		return a;
	}

	private static void writeLog(final Path file, final List<Float> losses) {
		final StringBuilder sb = new StringBuilder("step,loss\n");
		for (int i = 0; i < losses.size(); i++) sb.append(i + 1).append(',').append(losses.get(i)).append('\n');
		OutputFile.writeString(file, true, sb);
	}

	/** The loss as the card says it; in the gan stage with its adversarial and perceptual terms. */
	static String loss(final FineTune.Settings s) {
		final String fidelity = FidelityLoss.describe(s.loss(), s.ssimWeight());
		return !s.gan() ? fidelity : (s.ssimWeight() == 0 ? fidelity : "(" + fidelity + ")") + " + " + s.adversarial()
			+ " x relativistic average GAN loss + " + s.perceptual() + " x perceptual (L1 of the discriminator's features before activation)";
	}
}
