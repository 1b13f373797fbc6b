package org.tilesr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.Cancel;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;

/**
 * The shipped fine-tuned models' evaluation is reproducible: one held-out file evaluated again gives the rows of the
 * model folder's evaluation.csv (what {@code tilesr evaluate --by-scene --card} wrote), and the card's means over its
 * held-out scenes (each scene counted once) show the gains the docs state, over bicubic and over the generic model.
 */
class CardEvaluationTest {

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "ct-mri-x4, medical/ct-wg04-ct1/ct1_512.dcm, 1.0, 0.3",
		"satellite-x4, satellite/sentinel2-l1c-18SVG/s2_B12.tif, 1.0, 0.3" })
	void heldOutRowsAreReproducedAndTheCardClaimsHold(final String model, final String file, final double overBicubic,
		final double overGeneric) throws Exception
	{
		final Path folder = TestData.root().resolve("models").resolve(model);
		final ModelCatalog catalog = new ModelCatalog(List.of(TestModels.folder(), TestData.root().resolve("models")));
		final EvalTable t = Evaluation.run(List.of(TestData.shared(file)), 4, List.of("esrgan-thick-x4", model), "cpu",
			NormalizationSpec.range(), catalog, Progress.NONE, new Cancel());
		final List<String> csv = Files.readAllLines(folder.resolve("evaluation.csv"));
		final String name = Path.of(file).getFileName().toString();
		for (final EvalTable.Row r : t.rows()) {
			final String prefix = name + "," + r.band() + "," + r.method() + ",";
			final String row = csv.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no row " + prefix));
			final String[] f = row.split(",");
			assertEquals(Double.parseDouble(f[3]), r.psnr(), 0.01, "PSNR of " + prefix);
			assertEquals(Double.parseDouble(f[4]), r.ssim(), 1e-4, "SSIM of " + prefix);
		}
		org.tilesr.model.CardMetric mean = null;
		for (final var m : ModelCard.read(folder.resolve(ModelCard.FILE)).metrics)
			if (model.equals(m.method()) && m.mean_over_scenes() != null) mean = m;
		assertTrue(mean != null, model + ": no mean over held-out scenes in the card");
		final double bicubic = mean.psnr_gain_over_bicubic_db();
		final double generic = mean.psnr_gain_over_base_db();
		assertEquals("esrgan-thick-x4", mean.base());
		assertTrue(bicubic >= overBicubic, model + ": +" + bicubic + " dB over bicubic (mean over held-out scenes)");
		assertTrue(generic >= overGeneric, model + ": +" + generic + " dB over the generic model (mean over held-out scenes)");
		// and on the re-evaluated file itself
		final double fileTuned = t.rows().stream().filter(r -> r.method().equals(model)).mapToDouble(EvalTable.Row::psnr).average().orElseThrow();
		final double fileGeneric = t.rows().stream().filter(r -> r.method().equals("esrgan-thick-x4")).mapToDouble(EvalTable.Row::psnr).average().orElseThrow();
		assertTrue(fileTuned > fileGeneric, name + ": " + fileTuned + " vs generic " + fileGeneric);
	}

	/**
	 * The shipped gan-stage model: a held-out file evaluated again gives its evaluation.csv rows (PSNR, SSIM and the
	 * high-frequency ratio) for the model and for alpha 0, its fidelity parent; on that file it has more fine detail
	 * than the parent, and at most 1.5 dB less PSNR.
	 */
	@org.junit.jupiter.api.Test
	void ganModelRowsAreReproduced() throws Exception {
		final String model = "satellite-gan-x4", file = "satellite/sentinel2-l1c-18SVG/s2_B12.tif";
		final Path folder = TestData.root().resolve("models").resolve(model);
		final ModelCatalog catalog = new ModelCatalog(List.of(TestModels.folder(), TestData.root().resolve("models")));
		final EvalTable t = Evaluation.run(List.of(TestData.shared(file)), 4, List.of(model + "@0", model), "cpu", NormalizationSpec.range(), catalog,
			Progress.NONE, new Cancel());
		final List<String> csv = Files.readAllLines(folder.resolve("evaluation.csv"));
		final String name = Path.of(file).getFileName().toString();
		for (final EvalTable.Row r : t.rows()) {
			final String prefix = name + "," + r.band() + "," + r.method() + ",";
			final String[] f = csv.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no row " + prefix)).split(",");
			assertEquals(Double.parseDouble(f[3]), r.psnr(), 0.01, "PSNR of " + prefix);
			assertEquals(Double.parseDouble(f[4]), r.ssim(), 1e-4, "SSIM of " + prefix);
			assertEquals(Double.parseDouble(f[7]), r.hf(), 1e-3, "high-frequency ratio of " + prefix);
		}
		final EvalTable.Row gan = t.rows().stream().filter(r -> r.method().equals(model)).findFirst().orElseThrow();
		final EvalTable.Row parent = t.rows().stream().filter(r -> r.method().equals(model + "@0")).findFirst().orElseThrow();
		assertTrue(gan.hf() > parent.hf() && gan.psnr() > parent.psnr() - 1.5, "gan " + gan + " vs parent " + parent);
	}
}
