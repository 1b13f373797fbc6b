package org.tilesr.cli;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.core.TileBatch;
import org.tilesr.model.Devices;
import org.tilesr.model.DjlUpscaler;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * {@code tilesr bench}: milliseconds per tile through TileSR's upscaler (translator, copies in and out) and in a
 * plain loop of forward calls on the same model, measured in one run. Prints numbers; asserts nothing.
 */
final class BenchCommand {

	private BenchCommand() {}

	static int run(final Args a, final PrintStream out, final PrintStream err) {
		final String id = a.get("model", EnhanceSettings.DEFAULT_MODEL);
		final Integer tileArg = a.integer("tile");
		final Integer runsArg = a.integer("runs");
		final String dev = a.get("device", "auto");
		final String torchscript = a.get("torchscript", null);
		final String precisionName = a.get("precision", "fp32");
		a.rejectUnknown();
		final int tile = tileArg == null ? 128 : tileArg;
		final int runs = runsArg == null ? 5 : runsArg;
		final ModelCard card = ModelCatalog.standard().find(id);
		final Device device = Devices.choose(dev);
		err.println("bench: " + Devices.describe(device));
		final TileBatch input = new TileBatch(1, 3, tile, tile);
		final Random rnd = new Random(42);
		for (int i = 0; i < input.data().length; i++)
			input.data()[i] = rnd.nextFloat();
		final ai.djl.ndarray.types.DataType precision = Models.precision(precisionName, card, device);
		err.println("bench: precision " + Models.precisionName(precision));
		try (DjlUpscaler up = Models.load(card, null, 1, device, false, precision)) {
			up.upscale(input); // warm-up
			final double[] tilesr = new double[runs];
			for (int r = 0; r < runs; r++) {
				final long t = System.nanoTime();
				up.upscale(input);
				tilesr[r] = (System.nanoTime() - t) / 1e6;
			}
			final double mT = median(tilesr);
			final double outMp = (double) tile * tile * card.scale() * card.scale() / 1e6;
			if (precision != ai.djl.ndarray.types.DataType.FLOAT32) { // the plain loop feeds float32 tiles
				out.println(String.format(Locale.ROOT, "bench: model=%s device=%s precision=%s tile=%dx%d runs=%d: tilesr %.1f ms/tile (median; min %.1f), %.3f output MP/s",
					card.id, up.device(), Models.precisionName(precision), tile, tile, runs, mT, min(tilesr), outMp / (mT / 1000)));
				return 0;
			}
			final double[] plain = plainForward(up.model(), input, runs);
			final double mP = median(plain);
			out.println(String.format(Locale.ROOT,
				"bench: model=%s device=%s tile=%dx%d runs=%d: tilesr %.1f ms/tile (median; min %.1f), plain forward %.1f ms/tile (median; min %.1f), overhead %.1f%%, %.3f output MP/s",
				card.id, up.device(), tile, tile, runs, mT, min(tilesr), mP, min(plain), 100 * (mT / mP - 1), outMp / (mT / 1000)));
			if (torchscript != null) versusTorchScript(up, Path.of(torchscript), device, input, runs, out);
		}
		return 0;
	}

	/**
	 * The same network as one TorchScript graph on the same libtorch (scripts/export-rrdn-torchscript.py writes it
	 * from the npm weights): its outputs against the Java blocks', and its time per tile, run alternately with the
	 * blocks so that both see the same machine state.
	 */
	private static void versusTorchScript(final DjlUpscaler up, final Path pt, final Device device, final TileBatch in, final int runs,
		final PrintStream out)
	{
		final Model blocks = up.model();
		try (Model ts = Model.newInstance("torchscript", device, Devices.ENGINE)) {
			ts.load(pt, null, java.util.Map.of("mapLocation", "true"));
			final double diff;
			try (NDManager m = ts.getNDManager().newSubManager()) {
				final NDArray x = m.create(in.data(), new Shape(1, 3, in.height(), in.width()));
				final float[] a = ts.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
				final float[] b = blocks.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
				if (a.length != b.length) throw new TileSRException(pt, "returns " + a.length + " values, the Java blocks " + b.length);
				double d = 0;
				for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
				diff = d;
			}
			BenchPipelineCommand.plainForward(ts, 1, in.height(), in.width(), 1); // warm-up
			final double[] tsMs = new double[runs], blMs = new double[runs], upMs = new double[runs];
			for (int r = 0; r < runs; r++) {
				tsMs[r] = 1000 * BenchPipelineCommand.plainForward(ts, 1, in.height(), in.width(), 1);
				blMs[r] = 1000 * BenchPipelineCommand.plainForward(blocks, 1, in.height(), in.width(), 1);
				final long t = System.nanoTime();
				up.upscale(in);
				upMs[r] = (System.nanoTime() - t) / 1e6;
			}
			final double t = median(tsMs), b = median(blMs), u = median(upMs), px = (double) in.height() * in.width();
			out.println(String.format(Locale.ROOT,
				"bench torchscript: %s, tile %dx%d, runs %d alternating: TorchScript %.1f ms/tile (%.0f input px/s); Java blocks, same contiguous input %.1f ms/tile (%.0f px/s, %.3f x TorchScript); "
					+ "TileSR's upscaler (channels-last input, copies in and out) %.1f ms/tile (%.0f px/s, %.3f x TorchScript); largest output difference blocks vs TorchScript %.2e",
				pt.getFileName(), in.width(), in.height(), runs, t, px / (t / 1000), b, px / (b / 1000), b / t, u, px / (u / 1000), u / t, diff));
		}
		catch (final java.io.IOException | ai.djl.MalformedModelException e) {
			throw new TileSRException(pt, "cannot load the TorchScript module (" + e.getMessage() + ")", e);
		}
	}

	/** The same model's block called directly, input already on the device, nothing copied back. */
	private static double[] plainForward(final Model model, final TileBatch in, final int runs) {
		BenchPipelineCommand.plainForward(model, 1, in.height(), in.width(), 1); // warm-up
		final double[] ms = new double[runs];
		for (int r = 0; r < runs; r++)
			ms[r] = 1000 * BenchPipelineCommand.plainForward(model, 1, in.height(), in.width(), 1);
		return ms;
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	private static double min(final double[] v) {
		return Arrays.stream(v).min().orElse(Double.NaN);
	}
}
