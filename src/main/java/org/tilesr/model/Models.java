package org.tilesr.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.tilesr.TileSRException;

/** Loads the network a model card describes onto a device, after checking its weights' sha256. */
public final class Models {

	private Models() {}

	public static DjlUpscaler load(final ModelCard card, final Device device) {
		return load(card, null, 1, device);
	}

	/**
	 * The model, or with {@code other} given, ESRGAN's network interpolation {@code alpha * card + (1 - alpha) *
	 * other} of two Java-block models of one architecture and scale.
	 */
	public static DjlUpscaler load(final ModelCard card, final ModelCard other, final double alpha, final Device device) {
		return load(card, other, alpha, device, false);
	}

	/** As {@link #load(ModelCard, ModelCard, double, Device)}; {@code unverified}: run weights whose card gives no sha256. */
	public static DjlUpscaler load(final ModelCard card, final ModelCard other, final double alpha, final Device device,
		final boolean unverified)
	{
		return load(card, other, alpha, device, unverified, DataType.FLOAT32);
	}

	/**
	 * As above, with the network run in {@code precision} (FLOAT32, FLOAT16, BFLOAT16): the weights are cast on the
	 * device after loading (and after interpolation, which stays in float32); TorchScript graphs run in float32 only.
	 */
	public static DjlUpscaler load(final ModelCard card, final ModelCard other, final double alpha, final Device device,
		final boolean unverified, final DataType precision)
	{
		if (precision != DataType.FLOAT32 && !isBlock(card))
			throw new TileSRException("precision", card.id + " is not one of TileSR's own networks and runs in fp32 only");
		if (card.isBuiltin() && other == null) return builtin(card, device);
		final Model model = open(card, device, unverified);
		if (other != null) {
			if (!(model.getBlock() != null && isBlock(card) && isBlock(other)) || other.scale() != card.scale())
				throw new TileSRException("alpha", "interpolating needs two Java-block models of one scale; " + card.id + " and " + other.id + " are not");
			try (Model o = open(other, device, unverified)) {
				HalfWeights.interpolate(model.getBlock(), o.getBlock(), alpha);
			}
			catch (final TileSRException e) {
				model.close();
				throw e;
			}
		}
		if (precision != DataType.FLOAT32) cast(model, precision);
		return new DjlUpscaler(model, card.scale(), card.settings().value_range, isBlock(card) && !device.isGpu(), precision);
	}

	/**
	 * Casts every weight of a Java-block model on its device. DJL's Block.cast is not implemented for composite blocks
	 * and Parameter.setArray refuses a parameter that has one: the parameter's array field is replaced (same shape).
	 */
	static void cast(final Model model, final DataType type) {
		try {
			final java.lang.reflect.Field array = ai.djl.nn.Parameter.class.getDeclaredField("array");
			array.setAccessible(true);
			for (final ai.djl.nn.Parameter p : model.getBlock().getParameters().values()) {
				final ai.djl.ndarray.NDArray old = p.getArray(), cast = old.toType(type, true);
				cast.setName(p.getName());
				array.set(p, cast);
				old.close();
			}
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			throw new TileSRException("precision", "cannot cast " + model.getName() + " to " + precisionName(type) + " (" + TileSRException.why(e) + ")", e);
		}
	}

	/** fp32, fp16 or bf16 as DJL's type; auto: fp16 on a GPU for TileSR's own networks, fp32 otherwise. */
	public static DataType precision(final String name, final ModelCard card, final Device device) {
		switch (name) {
			case "fp32": return DataType.FLOAT32;
			case "fp16": return DataType.FLOAT16;
			case "bf16": // refused before the engine sees it: the process would end, not this file
				throw new TileSRException("precision", "bf16 is not available: DJL " + ai.djl.engine.Engine.getDjlVersion()
					+ "'s PyTorch binding aborts the whole process when it converts a tensor to bfloat16 (PrecisionTest checks it); use fp16");
			case "auto": return device.isGpu() && isBlock(card) ? DataType.FLOAT16 : DataType.FLOAT32;
			default: throw new TileSRException("precision", "'" + name + "' is not one of auto, fp32, fp16, bf16");
		}
	}

	/** fp32, fp16 or bf16, as options and provenance write it. */
	public static String precisionName(final DataType t) {
		return t == DataType.FLOAT16 ? "fp16" : t == DataType.BFLOAT16 ? "bf16" : "fp32";
	}

	/** Whether the card's network is TileSR's own Java blocks (RRDN), not a TorchScript graph. */
	public static boolean isBlock(final ModelCard c) {
		return ModelCard.DJL_PARAMS.equals(c.weightsFormat()) || HalfWeights.isHalf(c.weightsFormat());
	}

	/** A DJL model with the card's weights loaded and checked (Java blocks, or TorchScript). */
	public static Model open(final ModelCard card, final Device device) {
		return open(card, device, false);
	}

	private static Model open(final ModelCard card, final Device device, final boolean unverified) {
		final Path weights = card.weightsFile();
		if (weights == null) throw new TileSRException("model", card.id + " is built in and has no weights");
		verify(card, weights, unverified);
		Devices.engine();
		final Model model = Model.newInstance(card.id, device, Devices.ENGINE);
		try {
			if (ModelCard.DJL_PARAMS.equals(card.weightsFormat())) loadBlock(card, model, weights);
			else if (HalfWeights.isHalf(card.weightsFormat())) {
				final Rrdn net = architecture(card);
				model.setBlock(net.block());
				net.block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
				HalfWeights.load(net.block(), weights);
			}
			else model.load(weights, null, Map.of("mapLocation", "true"));
		}
		catch (final IOException | MalformedModelException | RuntimeException e) {
			model.close();
			if (e instanceof TileSRException t) throw t;
			throw new TileSRException(weights, "cannot load " + card.weightsFormat() + " weights (" + e.getMessage() + ")", e);
		}
		return model;
	}

	private static void loadBlock(final ModelCard card, final Model model, final Path weights)
		throws IOException, MalformedModelException
	{
		final Rrdn net = architecture(card);
		model.setBlock(net.block());
		try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
			net.block().loadParameters(model.getNDManager(), new DataInputStream(in));
		}
	}

	/** Nearest-neighbour upscaling as a DJL block: a baseline, and a model cheap enough for I/O benchmarks. */
	private static DjlUpscaler builtin(final ModelCard card, final Device device) {
		Devices.engine();
		final int s = card.scale();
		final Model model = Model.newInstance(card.id, device, Devices.ENGINE);
		model.setBlock(new ai.djl.nn.LambdaBlock(l -> new ai.djl.ndarray.NDList(s == 1 ? l.head().duplicate()
			: l.head().repeat(2, s).repeat(3, s)), "nearest"));
		return new DjlUpscaler(model, s, card.settings().value_range);
	}

	/** The Java-block architecture named in the card. */
	public static Rrdn architecture(final ModelCard card) {
		final Map<String, Object> arch = card.settings().architecture;
		final Object name = arch == null ? null : arch.get("name");
		if (!"rrdn".equals(name))
			throw new TileSRException(card.folder().resolve(ModelCard.FILE), "architecture '" + name + "' has no Java blocks; only 'rrdn' does (use torchscript weights)");
		return new Rrdn(Rrdn.Spec.of(card.scale(), arch));
	}

	/**
	 * Checks that the weights file exists and matches the card's sha256. A card without one is refused unless
	 * {@code unverified}; then the file's actual sha256 is kept in {@link ModelCard.Weights#unverifiedSha256}.
	 */
	public static void verify(final ModelCard card, final Path weights, final boolean unverified) {
		final ModelCard.Weights w = card.weightsEntry();
		final String rebuild = w.rebuild == null ? "" : "; rebuild it with: " + w.rebuild;
		if (!Files.isRegularFile(weights)) throw new TileSRException(weights, "weights file is missing" + rebuild);
		final boolean none = w.sha256 == null || w.sha256.isBlank();
		if (none && !unverified)
			throw new TileSRException(card.folder().resolve(ModelCard.FILE), "gives no sha256 for its weights, so they cannot be verified; add \"sha256\": \"<sha256sum "
				+ w.source + ">\" (or run them unverified: enhance and batch take --unverified-weights)");
		final String actual;
		try {
			actual = Sha256.of(weights);
		}
		catch (final IOException e) {
			throw new TileSRException(weights, "cannot read weights (" + e.getMessage() + ")", e);
		}
		if (none) w.unverifiedSha256 = actual;
		else if (!actual.equalsIgnoreCase(w.sha256.trim()))
			throw new TileSRException(weights, "sha256 is " + actual + " but the model card says " + w.sha256 + rebuild);
	}

	/**
	 * The card's network, for training: a freshly initialized block (its arrays allocated by PyTorch) holding a copy of
	 * the card's weights. Weights read from a file live in Java direct buffers that PyTorch only borrows; training
	 * on those gave random NaN gradients after some steps.
	 */
	public static Model trainable(final ModelCard card, final Device device) {
		final Model fresh = withBlock(card.id + "-training", architecture(card), device);
		try (Model loaded = open(card, device)) {
			copy(loaded.getBlock(), fresh.getBlock());
		}
		catch (final RuntimeException e) {
			fresh.close();
			throw e;
		}
		return fresh;
	}

	/** Copies every parameter value from one block to another of the same architecture. */
	static void copy(final ai.djl.nn.Block from, final ai.djl.nn.Block to) {
		final var a = from.getParameters();
		final var b = to.getParameters();
		if (a.size() != b.size()) throw new IllegalArgumentException(a.size() + " vs " + b.size() + " parameters");
		for (int i = 0; i < a.size(); i++) {
			final ai.djl.ndarray.NDArray x = a.get(i).getValue().getArray(), y = b.get(i).getValue().getArray();
			if (!x.getShape().equals(y.getShape())) throw new IllegalArgumentException(a.get(i).getKey() + " " + x.getShape() + " vs " + y.getShape());
			y.set(x.toFloatArray());
		}
	}

	/** A fresh model holding an initialized block, for import and fine-tuning. */
	static Model withBlock(final String name, final Rrdn net, final Device device) {
		Devices.engine();
		final Model model = Model.newInstance(name, device, Devices.ENGINE);
		model.setBlock(net.block());
		net.block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
		return model;
	}
}
