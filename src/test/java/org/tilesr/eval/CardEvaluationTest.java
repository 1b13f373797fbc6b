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
 * The shipped fine-tuned models' evaluation is reproducible: one held-out file evaluated again gives the rows of
 * the model folder's evaluation.csv (what {@code tilesr evaluate --card} wrote), and the card's means over all its
 * held-out files show the target of issue 7: ≥ 1 dB over bicubic and ≥ 0.3 dB over the generic model.
 */
class CardEvaluationTest {

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "ct-mri-x4, medical/mr-brain-pd/brain_020.dcm, 1.0, 0.3", "satellite-x4, satellite/sentinel2-l2a-29RKH/S2A_29RKH_20200219_B12.tif, 1.0, 0.3" })
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
		double bicubic = Double.NaN, generic = Double.NaN, tuned = Double.NaN;
		for (final var m : ModelCard.read(folder.resolve(ModelCard.FILE)).metrics) {
			if (!"tilesr evaluate".equals(m.get("evaluation")) || m.containsKey("image")) continue; // the means over every held-out file
			final double p = ((Number) m.get("psnr_db")).doubleValue();
			if (Evaluation.BICUBIC.equals(m.get("method"))) bicubic = p;
			else if ("esrgan-thick-x4".equals(m.get("method"))) generic = p;
			else if (model.equals(m.get("method"))) tuned = p;
		}
		assertTrue(tuned >= bicubic + overBicubic, model + ": " + tuned + " dB vs bicubic " + bicubic);
		assertTrue(tuned >= generic + overGeneric, model + ": " + tuned + " dB vs generic " + generic);
		// and on the re-evaluated file itself
		final double fileTuned = t.rows().stream().filter(r -> r.method().equals(model)).mapToDouble(EvalTable.Row::psnr).average().orElseThrow();
		final double fileGeneric = t.rows().stream().filter(r -> r.method().equals("esrgan-thick-x4")).mapToDouble(EvalTable.Row::psnr).average().orElseThrow();
		assertTrue(fileTuned > fileGeneric, name + ": " + fileTuned + " vs generic " + fileGeneric);
	}
}
