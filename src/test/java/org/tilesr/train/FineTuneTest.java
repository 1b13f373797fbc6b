package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.Cancel;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * Real fine-tuning (the RRDN ×2 from its generic weights, DJL, PyTorch CPU) on the bundled MR slice: ~20 steps in a
 * child process as users run it; the loss on a fixed batch falls, a checkpoint reloads to identical outputs, the
 * float16 card model stays within float16 rounding of it, and a second run resumes from the checkpoint.
 */
class FineTuneTest {

	@TempDir
	Path tmp;

	private static final Path MR = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");

	private static List<String> args(final Path out, final int steps) {
		return new ArrayList<>(List.of("--base", "esrgan-thick-x2", "--id", "tiny-x2", "--out", out.toString(), "--train", MR.toString(),
			"--steps", Integer.toString(steps), "--batch", "2", "--patch", "16", "--lr", "1e-4", "--checkpoint-every", "10",
			"--seed", "7", "--device", "cpu"));
	}

	@Test
	void twentyStepsLowerTheLossCheckpointsReloadExactlyAndRunsResume() throws Exception {
		System.setProperty("tilesr.models", TestModels.folder().toString());
		final ModelCatalog catalog = TestModels.catalog();
		final Path out = tmp.resolve("tiny-x2");
		final List<String> log = new ArrayList<>();
		final Progress collect = new Progress() {
			@Override
			public void log(final String line) {
				log.add(line);
			}
		};
		final Path card = FineTuneProcess.run(args(out, 20), collect, new Cancel());
		assertEquals(out.resolve(ModelCard.FILE).toAbsolutePath(), card.toAbsolutePath());
		assertEquals(21, Files.readAllLines(out.resolve("training-log.csv")).size(), "20 losses logged");
		final ModelCard tuned = ModelCard.read(card);
		assertEquals("esrgan-thick-x2", tuned.settings().interpolate_with);
		assertTrue(Files.size(out.resolve("weights.safetensors")) < 15_000_000);

		// A fixed batch from the training slice, drawn with another seed than training used.
		final TrainingData data = TrainingData.load(List.of(MR), 2, NormalizationSpec.range(), 0, 0, false, new Cancel());
		final int n = 8, p = 16;
		final float[] lr = new float[n * 3 * p * p], hr = new float[n * 4 * p * p];
		data.batch(99, 0, n, p, lr, hr);
		final ModelCard baseCard = catalog.find("esrgan-thick-x2");
		try (Model base = Models.trainable(baseCard, Device.cpu()); Model a = Models.trainable(baseCard, Device.cpu());
			Model b = Models.trainable(baseCard, Device.cpu()); Model half = Models.open(tuned, Device.cpu()))
		{
			Checkpoint.load(a, out.resolve("checkpoint/weights.params"));
			final float[] outBase = forward(base, lr, n, p), outA = forward(a, lr, n, p);
			final double before = l1(outBase, hr), after = l1(outA, hr);
			System.out.printf("fine-tune test: L1 on a fixed batch %.5f before, %.5f after 20 steps%n", before, after);
			assertTrue(after < before, "loss did not fall: " + before + " -> " + after);

			// The checkpoint written again and reloaded: bit-identical outputs.
			final Path again = tmp.resolve("again.params");
			try (OutputStream os = Files.newOutputStream(again); DataOutputStream d = new DataOutputStream(os)) {
				a.getBlock().saveParameters(d);
			}
			Checkpoint.load(b, again);
			assertArrayEquals(outA, forward(b, lr, n, p), "reloaded checkpoint gives other outputs");
			// The float16 card model: within float16 rounding of the float32 weights.
			final float[] outHalf = forward(half, lr, n, p);
			double worst = 0;
			for (int i = 0; i < outA.length; i++) worst = Math.max(worst, Math.abs(outA[i] - outHalf[i]));
			assertTrue(worst < 0.01, "float16 weights change outputs by " + worst);
		}

		// Interrupted before the card: the next run resumes from the step-20 checkpoint.
		Files.delete(out.resolve(ModelCard.FILE));
		log.clear();
		FineTuneProcess.run(args(out, 24), collect, new Cancel());
		assertTrue(log.stream().anyMatch(l -> l.contains("resuming at step 20")), log.toString());
		assertEquals(25, Files.readAllLines(out.resolve("training-log.csv")).size());
	}

	@Test
	void heldOutScenesAreValidatedAndTheBestStepIsKept() throws Exception {
		System.setProperty("tilesr.models", TestModels.folder().toString());
		final Path out = tmp.resolve("val-x2");
		final List<String> a = args(out, 12);
		// another scene (Landsat 7) held out; measured every 4 steps; stop after 2 measurements without a better one
		a.addAll(List.of("--held-out", TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif").toString(), "--validate-every", "4",
			"--patience", "2", "--ema", "0.9")); // validated and kept: the moving average of the weights
		final List<String> log = new ArrayList<>();
		final Path card = FineTuneProcess.run(a, new Progress() {
			@Override
			public void log(final String line) {
				log.add(line);
			}
		}, new Cancel());
		final List<String> curve = Files.readAllLines(out.resolve("validation-log.csv"));
		assertEquals("step,scene,gain_over_bicubic_db,hf_ratio", curve.get(0));
		assertTrue(curve.get(1).startsWith("0,landsat7-etm-6band,"), "the base model is measured first: " + curve);
		assertTrue(curve.size() >= 3, curve.toString());
		// The kept step: the best measurement not below the base (step 0), recomputed from the log.
		final double base = Double.parseDouble(curve.get(1).split(",")[2]);
		int best = 0;
		double bestGain = base;
		for (final String l : curve.subList(2, curve.size())) {
			final String[] f = l.split(",");
			if (Double.parseDouble(f[2]) > bestGain) {
				bestGain = Double.parseDouble(f[2]);
				best = Integer.parseInt(f[0]);
			}
		}
		final com.google.gson.JsonObject v = com.google.gson.JsonParser.parseString(Files.readString(card)).getAsJsonObject()
			.getAsJsonObject("training").getAsJsonObject("validation");
		assertEquals(best, v.get("kept_step").getAsInt(), curve + "\n" + log);
		assertEquals(bestGain, v.getAsJsonObject("kept_gain_over_bicubic_db").get("landsat7-etm-6band").getAsDouble(), 1e-3);
		final java.awt.image.BufferedImage curvePng = javax.imageio.ImageIO.read(out.resolve("training-curve.png").toFile());
		assertTrue(curvePng.getWidth() >= 900 && curvePng.getHeight() >= 600, curvePng.getWidth() + "x" + curvePng.getHeight());
		final String kept = "kept the weights of step " + best + " ";
		assertTrue(log.stream().anyMatch(l -> l.startsWith(kept)), log.toString());
		assertTrue(Files.readString(card).contains("moving average of the weights over the steps, decay 0.9"));
	}

	/** The model on LR patches [n, 3, p, p], averaged over its three output channels as inference does. */
	static float[] forward(final Model m, final float[] lr, final int n, final int p) {
		try (NDManager s = m.getNDManager().newSubManager()) {
			final NDArray x = s.create(lr, new Shape(n, 3, p, p));
			return m.getBlock().forward(new ParameterStore(s, false), new NDList(x), false).head().mean(new int[] { 1 }).toFloatArray();
		}
	}

	static double l1(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
		return s / a.length;
	}
}
