package org.tilesr.cli;

import ai.djl.Device;
import ai.djl.Model;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

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
		try (DjlUpscaler up = Models.load(card, device)) {
			up.upscale(input); // warm-up
			final double[] tilesr = new double[runs];
			for (int r = 0; r < runs; r++) {
				final long t = System.nanoTime();
				up.upscale(input);
				tilesr[r] = (System.nanoTime() - t) / 1e6;
			}
			final double[] plain = plainForward(up.model(), input, runs);
			final double mT = median(tilesr), mP = median(plain);
			final double outMp = (double) tile * tile * card.scale() * card.scale() / 1e6;
			out.println(String.format(Locale.ROOT,
				"bench: model=%s device=%s tile=%dx%d runs=%d: tilesr %.1f ms/tile (median; min %.1f), plain forward %.1f ms/tile (median; min %.1f), overhead %.1f%%, %.3f output MP/s",
				card.id, up.device(), tile, tile, runs, mT, min(tilesr), mP, min(plain), 100 * (mT / mP - 1), outMp / (mT / 1000)));
		}
		return 0;
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
