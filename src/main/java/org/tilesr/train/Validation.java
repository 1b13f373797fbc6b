package org.tilesr.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tilesr.core.Cancel;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.eval.Metrics;
import org.tilesr.eval.Plane;
import org.tilesr.eval.Resample;

/**
 * Validation during fine-tuning on whole held-out scenes: fixed windows (seeded, usable by the same rules as
 * training windows) from every band of the held-out files, each scene's PSNR gain of the network over bicubic on the
 * windows' centres (pooled squared error; the outer {@link #MARGIN} low-resolution pixels of a window are context
 * only). Cheap enough to run every few hundred steps; the full-file numbers come from {@code tilesr evaluate}.
 */
final class Validation {

	/** Window side in low-resolution pixels, and the context left out of the measure on each side. */
	static final int WINDOW = 64, MARGIN = 8;

	/** A window and what its measures need of it, computed once: bicubic's squared error, the real image's detail energy. */
	private record Window(String scene, float[] lr, float[] hr, double bicubicSe, double hrHf) {}

	private final List<Window> windows = new ArrayList<>();
	private final List<String> scenes;
	private final int scale;

	private Validation(final List<TrainingData.Pair> pairs, final int scale, final int perScene, final long seed) {
		this.scale = scale;
		final Map<String, List<TrainingData.Pair>> by = new LinkedHashMap<>();
		for (final TrainingData.Pair p : pairs) by.computeIfAbsent(p.scene(), k -> new ArrayList<>()).add(p);
		final Random r = new Random(seed);
		for (final var e : by.entrySet())
			for (int k = 0; k < perScene; k++) {
				final TrainingData.Pair p = e.getValue().get(k % e.getValue().size());
				if (p.lr().width() < WINDOW || p.lr().height() < WINDOW) continue;
				for (int tries = 0; tries < 50; tries++) {
					final int x = r.nextInt(p.lr().width() - WINDOW + 1), y = r.nextInt(p.lr().height() - WINDOW + 1);
					if (!p.windows().usable(x * scale, y * scale, WINDOW * scale) && tries < 49) continue;
					windows.add(window(e.getKey(), p, x, y));
					break;
				}
			}
		this.scenes = windows.stream().map(Window::scene).distinct().toList(); // a scene smaller than a window has none
	}

	/** Validation windows from the held-out files, normalized as inference normalizes them. */
	static Validation of(final List<Path> heldOut, final int scale, final NormalizationSpec spec, final int perScene, final long seed,
		final Cancel cancel)
	{
		return new Validation(TrainingData.planes(heldOut, scale, spec, 0, cancel), scale, perScene, seed);
	}

	private Window window(final String scene, final TrainingData.Pair p, final int x, final int y) {
		final int S = WINDOW * scale;
		final float[] lr = new float[WINDOW * WINDOW], hr = new float[S * S];
		for (int j = 0; j < WINDOW; j++)
			System.arraycopy(p.lr().data(), (y + j) * p.lr().width() + x, lr, j * WINDOW, WINDOW);
		for (int j = 0; j < S; j++)
			System.arraycopy(p.hr().data(), (y * scale + j) * p.hr().width() + x * scale, hr, j * S, S);
		final Plane up = Resample.upscale(new Plane(WINDOW, WINDOW, lr), scale);
		return new Window(scene, lr, hr, squaredError(hr, up.data(), 0, S), Metrics.hfEnergy(new Plane(S, S, hr), scale, MARGIN * scale));
	}

	/** Sum of squared differences over the window's centre (the margin left out). */
	private double squaredError(final float[] ref, final float[] test, final int offset, final int size) {
		final int m = MARGIN * scale;
		double se = 0;
		for (int j = m; j < size - m; j++)
			for (int i = m; i < size - m; i++) {
				final double d = ref[j * size + i] - (double) test[offset + j * size + i];
				se += d * d;
			}
		return se;
	}

	List<String> scenes() {
		return scenes;
	}

	int size() {
		return windows.size();
	}

	/**
	 * Each scene's PSNR gain over bicubic (dB) and high-frequency ratio ({@link Metrics#hfRatio}, pooled over the
	 * windows' centres) of the block, run in inference mode in a manager of its own.
	 */
	Scores scores(final Block block, final NDManager parent, final int batch) {
		final Map<String, double[]> se = new LinkedHashMap<>();
		for (final String s : scenes) se.put(s, new double[4]);
		final int S = WINDOW * scale;
		final ParameterStore store = new ParameterStore(parent, false);
		for (int a = 0; a < windows.size(); a += batch) {
			final int n = Math.min(batch, windows.size() - a);
			final float[] in = new float[n * 3 * WINDOW * WINDOW];
			for (int k = 0; k < n; k++)
				for (int c = 0; c < 3; c++)
					System.arraycopy(windows.get(a + k).lr(), 0, in, (k * 3 + c) * WINDOW * WINDOW, WINDOW * WINDOW);
			final float[] out;
			try (NDManager m = parent.newSubManager()) {
				final NDArray x = m.create(in, new Shape(n, 3, WINDOW, WINDOW)).duplicate();
				out = block.forward(store, new NDList(x), false).head().mean(new int[] { 1 }).toFloatArray();
			}
			for (int k = 0; k < n; k++) {
				final Window w = windows.get(a + k);
				final double[] acc = se.get(w.scene());
				acc[0] += w.bicubicSe();
				acc[1] += squaredError(w.hr(), out, k * S * S, S);
				final float[] o = java.util.Arrays.copyOfRange(out, k * S * S, (k + 1) * S * S);
				acc[2] += Metrics.hfEnergy(new Plane(S, S, o), scale, MARGIN * scale);
				acc[3] += w.hrHf();
			}
		}
		final Map<String, Double> gains = new LinkedHashMap<>(), hf = new LinkedHashMap<>();
		for (final var e : se.entrySet()) {
			gains.put(e.getKey(), 10 * Math.log10(e.getValue()[0] / e.getValue()[1]));
			hf.put(e.getKey(), e.getValue()[2] / e.getValue()[3]);
		}
		return new Scores(gains, hf);
	}

	/** Per scene: the PSNR gain over bicubic (dB) and the high-frequency ratio to the real image. */
	record Scores(Map<String, Double> gains, Map<String, Double> hf) {}
}
