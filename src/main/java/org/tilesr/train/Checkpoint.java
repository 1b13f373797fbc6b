package org.tilesr.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.io.OutputFile;

/**
 * A fine-tuning run's checkpoint in {@code <out>/checkpoint/}: the weights in float32 (DJL .params, so a resumed
 * run continues from exactly these numbers), in the gan stage the discriminator's too, and {@code state.json} (step, settings that must match, losses so far,
 * seconds spent). Each is written to a temporary file and renamed, the weights first.
 */
final class Checkpoint {

	/** The gan stage's discriminator weights in the checkpoint folder. */
	static final String DISCRIMINATOR = "discriminator.params";

	private final Path folder;
	private double secondsBefore;

	Checkpoint(final Path out) {
		this.folder = out.resolve("checkpoint");
	}

	Path folder() {
		return folder;
	}

	double secondsBefore() {
		return secondsBefore;
	}

	/** @param discriminator the gan stage's discriminator, saved beside the weights; null in the fidelity stage */
	void save(final Model model, final Block discriminator, final FineTune.Settings s, final List<Float> losses, final double seconds) {
		try {
			Files.createDirectories(folder);
			write(model.getBlock(), folder.resolve("weights.params"));
			if (discriminator != null) write(discriminator, folder.resolve(DISCRIMINATOR));
			final JsonObject st = new JsonObject();
			st.addProperty("stage", s.stage());
			st.addProperty("step", losses.size());
			st.addProperty("base", s.base());
			st.addProperty("seed", s.seed());
			st.addProperty("batch", s.batch());
			st.addProperty("patch", s.patch());
			st.addProperty("seconds", secondsBefore + seconds);
			final JsonArray l = new JsonArray();
			losses.forEach(l::add);
			st.add("losses", l);
			OutputFile.writeString(folder.resolve("state.json"), true, new Gson().toJson(st));
		}
		catch (final IOException e) {
			throw new TileSRException(folder, "cannot write the checkpoint (" + e.getMessage() + ")", e);
		}
	}

	private static void write(final Block block, final Path file) {
		OutputFile.write(file, true, os -> {
			final DataOutputStream out = new DataOutputStream(os);
			block.saveParameters(out);
			out.flush();
		});
	}

	/**
	 * Loads the checkpoint into the model (and the gan stage's discriminator, when given) when there is one; returns the
	 * step to go on from (0 without one).
	 */
	int resume(final Model model, final Model discriminator, final FineTune.Settings s, final List<Float> losses) {
		final Path state = folder.resolve("state.json");
		if (!Files.isRegularFile(state)) return 0;
		try {
			final JsonObject st = JsonParser.parseString(Files.readString(state)).getAsJsonObject();
			final String stage = st.has("stage") ? st.get("stage").getAsString() : FineTune.FIDELITY;
			if (!st.get("base").getAsString().equals(s.base()) || st.get("seed").getAsLong() != s.seed()
				|| st.get("batch").getAsInt() != s.batch() || st.get("patch").getAsInt() != s.patch() || !stage.equals(s.stage()))
				throw new TileSRException(state, "was made with other settings (base, seed, batch, patch, stage); use a new output folder");
			final int step = st.get("step").getAsInt();
			if (step > s.steps()) throw new TileSRException(state, "is at step " + step + ", beyond --steps " + s.steps());
			load(model, folder.resolve("weights.params"));
			if (discriminator != null) load(discriminator, folder.resolve(DISCRIMINATOR));
			st.getAsJsonArray("losses").forEach(v -> losses.add(v.getAsFloat()));
			secondsBefore = st.get("seconds").getAsDouble();
			return step;
		}
		catch (final IOException | RuntimeException e) {
			if (e instanceof TileSRException t) throw t;
			throw new TileSRException(state, "unreadable checkpoint (" + e.getMessage() + ")", e);
		}
	}

	/** Replaces a model's weights with a float32 checkpoint's. */
	static void load(final Model model, final Path params) {
		try (InputStream is = Files.newInputStream(params); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
			model.getBlock().loadParameters(model.getNDManager(), in);
		}
		catch (final IOException | MalformedModelException e) {
			throw new TileSRException(params, "cannot load checkpoint weights (" + e.getMessage() + ")", e);
		}
	}
}
