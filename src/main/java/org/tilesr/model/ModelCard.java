package org.tilesr.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tilesr.TileSRException;

/**
 * A model's descriptor, {@code card.json} in the model's folder: TileSR's own format. Field names are borrowed from
 * bioimage.io's {@code rdf.yaml} where they overlap (id, name, description, authors, license, weights with source and
 * sha256, training_data, config), but a card is not a bioimage.io descriptor and claims no format version of it
 * (those need weights in a format bioimage.io runs and test tensors); TileSR's settings live under
 * {@code config.tilesr}. A {@code format_version} in older cards is ignored.
 */
public final class ModelCard {

	public static final String FILE = "card.json";

	public String type;
	public String id;
	public String name;
	public String description;
	public List<Map<String, String>> authors;
	public String license;
	public List<String> tags;
	public Map<String, Object> source;
	public Map<String, Object> training_data;
	public Map<String, Weights> weights;
	public Config config;
	/** For fine-tuned models (older cards may hold more fields than the record reads). */
	public CardTraining training;
	public List<CardMetric> metrics;
	/** Set on models that may add detail not in the data (the gan stage): shown wherever such a model is used. */
	public String warning;

	/** Where the card was read from; weights paths are relative to it. */
	private transient Path folder;

	public static final class Weights {
		/** Weights file, relative to the card's folder. */
		public String source;
		public String sha256;
		/** How to rebuild this file when it is not committed (generic weights). */
		public String rebuild;
		/** Set when the card gives no sha256 and the user let the weights run unverified: their actual sha256. */
		public transient String unverifiedSha256;
	}

	public static final class Config {
		public Settings tilesr;
	}

	public static final class Settings {
		public Map<String, Object> architecture;
		public int scale;
		public int channels = 3;
		/** The range the network expects and returns, e.g. [0, 1] or [0, 255]. */
		public double[] value_range = { 0, 1 };
		/** Recommended context per side, in input pixels. */
		public int halo;
		/** Recommended tile size (input pixels) on CPU. */
		public int tile = 128;
		/** Recommended tile size (input pixels) on a GPU, where larger tiles use the device better. */
		public int tile_gpu = 512;
		/** Tile and halo sizes must be multiples of this (e.g. 4 or 8 for networks that downsample inside). */
		public int multiple = 1;
		/** Network interpolation's other end (a model id of the same architecture and scale) for {@code --alpha}. */
		public String interpolate_with;
		@SerializedName("normalization")
		public Map<String, Object> normalization;
	}

	/** Weights formats TileSR can run. */
	public static final String DJL_PARAMS = "djl_params";
	public static final String TORCHSCRIPT = "torchscript";

	/** The one JSON configuration cards are read and written with. */
	static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	/** A card part (a training or metric record) as the card's JSON writes it. */
	public static com.google.gson.JsonElement json(final Object record) {
		return GSON.toJsonTree(record);
	}

	/** Writes a card (a new one: an existing file is kept unless {@code overwrite}), temporary file and rename. */
	public static void write(final Path file, final com.google.gson.JsonObject card, final boolean overwrite) {
		org.tilesr.io.OutputFile.writeString(file, overwrite, GSON.toJson(card) + "\n");
	}

	/**
	 * Records an evaluation in the card of {@code folder}: its earlier evaluation metrics are replaced by
	 * {@code metrics}; metrics from elsewhere (without an {@code evaluation} field) are kept.
	 */
	public static void recordEvaluation(final Path folder, final java.util.List<CardMetric> metrics) {
		final Path file = folder.resolve(FILE);
		try {
			final com.google.gson.JsonObject c = com.google.gson.JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
			final com.google.gson.JsonArray all = new com.google.gson.JsonArray();
			if (c.has("metrics")) for (final var m : c.getAsJsonArray("metrics"))
				if (!m.getAsJsonObject().has("evaluation")) all.add(m);
			for (final CardMetric m : metrics) all.add(json(m));
			c.add("metrics", all);
			write(file, c, true);
		}
		catch (final IOException | RuntimeException e) {
			if (e instanceof TileSRException x) throw x;
			throw new TileSRException(file, "cannot record the evaluation (" + e.getMessage() + ")", e);
		}
	}

	public static ModelCard read(final Path file) {
		final ModelCard card;
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			card = GSON.fromJson(r, ModelCard.class);
		}
		catch (final IOException e) {
			throw new TileSRException(file, "cannot read model card (" + e.getMessage() + ")", e);
		}
		catch (final JsonParseException e) {
			throw new TileSRException(file, "model card is not valid JSON (" + e.getMessage() + ")", e);
		}
		if (card == null) throw new TileSRException(file, "model card is empty");
		card.folder = file.toAbsolutePath().getParent();
		card.validate(file);
		return card;
	}

	private void validate(final Path file) {
		if (id == null || id.isBlank()) throw new TileSRException(file, "model card has no id");
		if (config == null || config.tilesr == null) throw new TileSRException(file, "model card has no config.tilesr section");
		final Settings t = config.tilesr;
		if (t.scale < 1 || t.scale > 16) throw new TileSRException(file, "config.tilesr.scale must be 1..16, got " + t.scale);
		if (t.channels != 3) throw new TileSRException(file, "config.tilesr.channels must be 3, got " + t.channels);
		if (t.value_range == null || t.value_range.length != 2 || !(t.value_range[1] > t.value_range[0]))
			throw new TileSRException(file, "config.tilesr.value_range must be [low, high] with low < high");
		if (t.halo < 0 || t.halo > 512) throw new TileSRException(file, "config.tilesr.halo must be 0..512, got " + t.halo);
		if (t.tile < 8 || t.tile > 4096) throw new TileSRException(file, "config.tilesr.tile must be 8..4096, got " + t.tile);
		if (t.tile_gpu < 8 || t.tile_gpu > 4096) throw new TileSRException(file, "config.tilesr.tile_gpu must be 8..4096, got " + t.tile_gpu);
		if (t.multiple < 1 || t.multiple > 64) throw new TileSRException(file, "config.tilesr.multiple must be 1..64");
		if (isBuiltin()) return;
		if (weights == null || weights.isEmpty()) throw new TileSRException(file, "model card lists no weights");
		if (weightsFormat() == null)
			throw new TileSRException(file, "model card lists no weights TileSR can run (" + DJL_PARAMS + ", " + HalfWeights.FORMAT + " (float16), " + HalfWeights.LEGACY_FORMAT + " or " + TORCHSCRIPT + "), only " + weights.keySet());
		final Weights w = weights.get(weightsFormat());
		if (w == null || w.source == null) throw new TileSRException(file, "weights." + weightsFormat() + ".source is missing");
		final Path dir = file.toAbsolutePath().normalize().getParent();
		final Path target;
		try {
			target = dir.resolve(w.source).normalize();
		}
		catch (final java.nio.file.InvalidPathException e) {
			throw new TileSRException(file, "weights." + weightsFormat() + ".source is not a file name: " + w.source);
		}
		if (!target.startsWith(dir) || target.equals(dir))
			throw new TileSRException(file, "weights." + weightsFormat() + ".source must be a file in the card's folder, not " + w.source);
	}

	/** Architectures without weights that TileSR computes itself (baselines, benchmarks). */
	public static final java.util.Set<String> BUILTIN = java.util.Set.of("nearest");

	/** A parameter-free built-in architecture (no weights file). */
	public boolean isBuiltin() {
		final Object n = config.tilesr.architecture == null ? null : config.tilesr.architecture.get("name");
		return n != null && BUILTIN.contains(n.toString());
	}

	/** The weights format this card will be run with: Java blocks first, TorchScript otherwise. */
	public String weightsFormat() {
		if (weights == null) return isBuiltin() ? "builtin" : null;
		if (weights.containsKey(DJL_PARAMS)) return DJL_PARAMS;
		if (weights.containsKey(HalfWeights.FORMAT)) return HalfWeights.FORMAT;
		if (weights.containsKey(HalfWeights.LEGACY_FORMAT)) return HalfWeights.LEGACY_FORMAT;
		if (weights.containsKey(TORCHSCRIPT)) return TORCHSCRIPT;
		return null;
	}

	public Weights weightsEntry() {
		if (weights == null) {
			final Weights none = new Weights();
			none.sha256 = "none (built-in " + config.tilesr.architecture.get("name") + ")";
			return none;
		}
		return weights.get(weightsFormat());
	}

	/** The weights file, or null for a built-in architecture. */
	public Path weightsFile() {
		return weights == null ? null : folder.resolve(weightsEntry().source);
	}

	public Path folder() {
		return folder;
	}

	public Settings settings() {
		return config.tilesr;
	}

	public int scale() {
		return config.tilesr.scale;
	}

	public String toJson() {
		return GSON.toJson(this);
	}
}
