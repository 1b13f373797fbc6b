package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.MemoryRaster;
import org.tilesr.core.PixelType;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.io.ImageJFiles;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.Models;

/**
 * ESRGAN's adversarial stage as users run it (tilesr fine-tune --stage gan, child JVM, real DJL/PyTorch) on the bundled
 * MR slice from the generic x2 model: the card and its warning, the discriminator saved with the checkpoint and resumed,
 * and network interpolation between the fidelity parent (alpha 0) and the gan model (alpha 1).
 */
class GanStageTest {

	@TempDir
	Path tmp;

	private static final Path MR = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");

	private static List<String> args(final Path out, final int steps) {
		return new ArrayList<>(List.of("--stage", "gan", "--base", "esrgan-thick-x2", "--id", "tiny-gan-x2", "--output", out.toString(), "--train",
			MR.toString(), "--steps", Integer.toString(steps), "--batch", "2", "--patch", "16", "--checkpoint-every", "4", "--seed", "3", "--device",
			"cpu", "--lr", "1e-4", "--ema", "0")); // the raw weights: 6 steps move them enough to tell the interpolation's ends apart
	}

	private static Progress collect(final List<String> log) {
		return new Progress() {
			@Override
			public void log(final String line) {
				log.add(line);
			}
		};
	}

	@Test
	void ganStageWritesAWarnedCardSavesAndResumesItsDiscriminatorAndInterpolatesFromItsParent() throws Exception {
		System.setProperty("tilesr.models", TestModels.folder().toString());
		final Path out = tmp.resolve("tiny-gan-x2");
		final List<String> log = new ArrayList<>();
		FineTuneProcess.run(args(out, 4), collect(log), new Cancel());
		final Path d = out.resolve("checkpoint").resolve(Checkpoint.DISCRIMINATOR);
		assertTrue(Files.size(d) > 500_000, "discriminator weights saved with the checkpoint");
		assertTrue(log.stream().anyMatch(l -> l.startsWith("step 4/4 ") && l.contains("adversarial") && l.contains("discriminator")), log.toString());
		assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: tiny-gan-x2: ") && l.contains("not in the data")), log.toString());
		final JsonObject card = JsonParser.parseString(Files.readString(out.resolve(ModelCard.FILE))).getAsJsonObject();
		assertTrue(card.get("warning").getAsString().contains("not for quantitative measurement"));
		assertTrue(card.get("description").getAsString().contains("no pretrained VGG"), "the card says which perceptual term");
		assertEquals("gan", card.getAsJsonObject("training").get("stage").getAsString());
		assertTrue(card.getAsJsonObject("training").get("loss").getAsString().contains("relativistic average GAN"));
		assertNotNull(card.getAsJsonObject("training").get("discriminator"));
		assertEquals("esrgan-thick-x2", card.getAsJsonObject("config").getAsJsonObject("tilesr").get("interpolate_with").getAsString());

		// Interrupted after step 4: the next run resumes generator and discriminator from the checkpoint and trains both on.
		final byte[] atFour = Files.readAllBytes(d);
		final byte[] gAtFour = Files.readAllBytes(out.resolve("checkpoint").resolve("weights.params"));
		Files.delete(out.resolve(ModelCard.FILE));
		log.clear();
		FineTuneProcess.run(args(out, 6), collect(log), new Cancel());
		assertTrue(log.stream().anyMatch(l -> l.contains("resuming at step 4")), log.toString());
		assertEquals(7, Files.readAllLines(out.resolve("training-log.csv")).size(), "6 losses");
		assertFalse(java.util.Arrays.equals(atFour, Files.readAllBytes(d)), "the discriminator trained on after the resume");
		assertFalse(java.util.Arrays.equals(gAtFour, Files.readAllBytes(out.resolve("checkpoint").resolve("weights.params"))));

		// A fidelity run cannot resume a gan checkpoint.
		final List<String> fidelity = args(out, 8);
		fidelity.set(1, "fidelity");
		Files.deleteIfExists(out.resolve(ModelCard.FILE));
		final TileSRException e = assertThrows(TileSRException.class, () -> FineTuneProcess.run(fidelity, Progress.NONE, new Cancel()));
		assertTrue(e.getMessage().contains("stage"), e.getMessage());

		// Network interpolation: alpha 0 is the fidelity parent, 1 the gan model; the warning is logged when its weights take part.
		final ModelCatalog catalog = new ModelCatalog(List.of(TestModels.folder(), tmp));
		FineTuneProcess.run(args(out, 6), Progress.NONE, new Cancel()); // at step 6 already: writes the card again
		final List<String> used = new ArrayList<>();
		final float[] gan = enhance(catalog, "tiny-gan-x2", null, used), parent = enhance(catalog, "esrgan-thick-x2", null, new ArrayList<>());
		assertTrue(used.stream().anyMatch(l -> l.startsWith("warning: tiny-gan-x2: ") && l.contains("not for quantitative measurement")), used.toString());
		assertArrayEquals(gan, enhance(catalog, "tiny-gan-x2", 1.0, new ArrayList<>()), "alpha 1 is the gan model");
		final List<String> atZero = new ArrayList<>();
		assertArrayEquals(parent, enhance(catalog, "tiny-gan-x2", 0.0, atZero), "alpha 0 is the fidelity parent");
		assertTrue(atZero.stream().noneMatch(l -> l.startsWith("warning:")), "alpha 0 uses none of the gan weights: " + atZero);
		final float[] half = enhance(catalog, "tiny-gan-x2", 0.5, new ArrayList<>());
		double dGan = 0, dParent = 0, dEnds = 0;
		for (int i = 0; i < half.length; i++) {
			dGan += Math.abs(half[i] - gan[i]);
			dParent += Math.abs(half[i] - parent[i]);
			dEnds += Math.abs(gan[i] - parent[i]);
		}
		assertTrue(dEnds > 0 && dGan > 0 && dParent > 0 && dGan < dEnds && dParent < dEnds, dGan + ", " + dParent + " vs " + dEnds);
	}

	@Test
	void theGanStageDefaultsToItsMeasuredRecipe() {
		final FineTune.Settings gan = FineTuneOptions.settings(java.util.Map.of("id", "x", "output", "/tmp/x", "stage", "gan")::get);
		assertEquals(5e-5, gan.lr(), 0);
		assertEquals(0.99, gan.ema(), 0);
		assertEquals(0.02f, gan.adversarial(), 0);
		assertEquals(0.2f, gan.perceptual(), 0);
		final FineTune.Settings given = FineTuneOptions.settings(java.util.Map.of("id", "x", "output", "/tmp/x", "stage", "GAN", "lr", "2e-4", "ema", "0")::get);
		assertEquals(2e-4, given.lr(), 0);
		assertEquals(0, given.ema(), 0);
		final FineTune.Settings fidelity = FineTuneOptions.settings(java.util.Map.of("id", "x", "output", "/tmp/x")::get);
		assertEquals(1e-4, fidelity.lr(), 0);
		assertEquals(0, fidelity.ema(), 0);
	}

	@Test
	void checkpointHoldsTheDiscriminator() {
		System.setProperty("tilesr.models", TestModels.folder().toString());
		final ModelCard base = TestModels.catalog().find("esrgan-thick-x2");
		final FineTune.Settings s = FineTune.Settings.defaults("esrgan-thick-x2", "x", tmp.resolve("ck"));
		final FineTune.Settings gan = new FineTune.Settings(s.base(), s.id(), s.out(), 10, 2, 16, s.lr(), s.loss(), s.ssimWeight(), 5, 1, 0, 0, "cpu",
			s.normalization(), true, 100, 0, 0, FineTune.GAN, s.adversarial(), s.perceptual());
		final float[] image = new float[2 * 32 * 32];
		for (int i = 0; i < image.length; i++) image[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.37));
		try (Model g = Models.trainable(base, Device.cpu()); GanStage a = new GanStage(Device.cpu(), gan, 32);
			GanStage b = new GanStage(Device.cpu(), new FineTune.Settings(gan.base(), gan.id(), gan.out(), 10, 2, 16, gan.lr(), gan.loss(), gan.ssimWeight(),
				6, 1, 0, 0, "cpu", gan.normalization(), true, 100, 0, 0, FineTune.GAN, gan.adversarial(), gan.perceptual()), 32))
		{
			final float[] sa = scores(a, image), sb = scores(b, image);
			assertFalse(java.util.Arrays.equals(sa, sb), "another seed, another discriminator");
			new Checkpoint(gan.out()).save(g, a.block(), gan, List.of(0.5f, 0.4f), 1);
			final List<Float> losses = new ArrayList<>();
			assertEquals(2, new Checkpoint(gan.out()).resume(g, b.model(), gan, losses));
			assertArrayEquals(sa, scores(b, image), "the resumed discriminator is the saved one");
			assertEquals(List.of(0.5f, 0.4f), losses);
		}
	}

	private static float[] scores(final GanStage gan, final float[] image) {
		try (NDManager m = gan.model().getNDManager().newSubManager()) {
			final NDArray x = m.create(image, new Shape(2, 1, 32, 32));
			return gan.block().forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
		}
	}

	private static float[] enhance(final ModelCatalog catalog, final String model, final Double alpha, final List<String> log) {
		final ij.ImagePlus mr = ImageJFiles.open(MR);
		final int n = 40;
		final float[] crop = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) crop[y * n + x] = mr.getProcessor().getf(100 + x, 90 + y);
		final MemoryRaster in = new MemoryRaster(RasterInfo.of(n, n, 1, PixelType.UINT16, Double.NaN), new float[][] { crop });
		final MemoryRaster out = new MemoryRaster(RasterInfo.of(n * 2, n * 2, 1, PixelType.UINT16, Double.NaN));
		try (Enhancer e = Enhancer.open(new EnhanceSettings().model(model).device("cpu").alpha(alpha), catalog, collect(log))) {
			e.run(in, p -> out, null, Progress.NONE, new Cancel());
		}
		return out.band(0);
	}
}
