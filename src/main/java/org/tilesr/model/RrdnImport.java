package org.tilesr.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;

import java.io.DataOutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.tilesr.TileSRException;

/**
 * Builds the RRDN Java blocks from a TF.js layers model (UpscalerJS {@code esrgan-thick}): kernels HWIO to OIHW,
 * loaded by layer name. depth_to_space keeps TF's channel order in {@link Rrdn}, so no channel shuffling is needed.
 */
public final class RrdnImport {

	private RrdnImport() {}

	/** A model on {@code device} whose block carries the TF.js weights. */
	public static Model fromTfjs(final Path modelJson, final Rrdn net, final Device device) {
		final TfjsWeights weights = TfjsWeights.read(modelJson);
		final Model model = Models.withBlock("rrdn-x" + net.spec().scale(), net, device);
		try {
			int used = 0;
			for (final var e : net.convs().entrySet()) {
				final Conv2d conv = e.getValue();
				final TfjsWeights.Tensor kernel = weights.get(e.getKey() + "/kernel");
				final TfjsWeights.Tensor bias = weights.get(e.getKey() + "/bias");
				set(conv.getParameters().get("weight"), TfjsWeights.hwioToOihw(kernel), modelJson, kernel.name());
				set(conv.getParameters().get("bias"), bias.values(), modelJson, bias.name());
				used += 2;
			}
			if (used != weights.tensors().size())
				throw new TileSRException(modelJson, "the model has " + weights.tensors().size() + " tensors but the RRDN "
					+ net.spec() + " uses " + used + ": wrong architecture in the card?");
		}
		catch (final IllegalArgumentException e) {
			model.close();
			throw new TileSRException(modelJson, "does not match RRDN " + net.spec() + " (" + e.getMessage() + ")", e);
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
		return model;
	}

	private static void set(final Parameter p, final float[] values, final Path file, final String name) {
		final NDArray a = p.getArray();
		if (a.size() != values.length)
			throw new TileSRException(file, name + " has " + values.length + " values, the block expects " + a.getShape()
				+ " = " + a.size());
		a.set(FloatBuffer.wrap(values));
	}

	/** Writes the block's parameters to {@code out} (temp file + rename), in DJL's format. */
	public static void save(final Model model, final Path out) {
		org.tilesr.io.OutputFile.write(out, true, os -> model.getBlock().saveParameters(new DataOutputStream(os)));
	}
}
