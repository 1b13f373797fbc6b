package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tilesr.TestData;

/**
 * The guard for every shipped domain model: its card records, per held-out scene, the gain over its base model
 * ({@code tilesr evaluate --by-scene --card}), and no held-out scene is below the base. (CardEvaluationTest
 * re-measures a held-out file of each, so these recorded numbers are what the weights give.)
 */
class ModelGuardTest {

	@Test
	void everyFineTunedModelBeatsItsBaseOnEveryHeldOutScene() throws Exception {
		final List<Path> cards;
		try (Stream<Path> s = Files.list(TestData.root().resolve("models"))) {
			cards = s.map(d -> d.resolve(ModelCard.FILE)).filter(Files::isRegularFile).sorted().toList();
		}
		int checked = 0;
		for (final Path file : cards) {
			final ModelCard c = ModelCard.read(file);
			if (c.source == null || c.source.get("fine_tuned_from") == null) continue;
			if (c.warning != null) {
				gan(c);
				continue;
			}
			final String base = c.source.get("fine_tuned_from").toString();
			final List<CardMetric> scenes = c.metrics.stream()
				.filter(m -> c.id.equals(m.method()) && m.scene() != null && base.equals(m.base())).toList();
			assertFalse(scenes.isEmpty(), c.id + ": the card records no per-scene gains over " + base);
			for (final CardMetric m : scenes) {
				final double g = m.psnr_gain_over_base_db();
				assertTrue(g >= 0, c.id + " is " + g + " dB below " + base + " on the held-out scene " + m.scene());
			}
			assertTrue(c.metrics.stream().anyMatch(m -> c.id.equals(m.method()) && m.mean_over_scenes() != null),
				c.id + ": no mean over the held-out scenes");
			assertTrue(c.training != null && c.training.steps() > 0 && c.training.wall_seconds() > 0 && c.training.loss() != null,
				c.id + ": the card's training record reads typed");
			checked++;
		}
		assertTrue(checked >= 2, "the shipped fine-tuned models (ct-mri-x4, satellite-x4) were checked: " + checked);
	}

	/**
	 * A gan-stage model (its card warns) is meant to lose some PSNR: its guard is the adversarial stage's target. Over
	 * the held-out scenes (mean, each counted once), against its fidelity parent (alpha 0): PSNR at most 1.5 dB lower
	 * and a high-frequency ratio closer to HR's (1); on every scene, more fine detail than the parent.
	 */
	private static void gan(final ModelCard c) {
		final String parent = c.id + "@0";
		assertTrue(c.tags.contains("gan") && c.description.contains("not in the data"), c.id + ": the card says what a gan model does");
		final List<CardMetric> scenes = c.metrics.stream().filter(m -> c.id.equals(m.method()) && parent.equals(m.base())
			&& (m.scene() != null || m.mean_over_scenes() != null)).toList();
		assertTrue(scenes.size() >= 3, c.id + ": per-scene results against " + parent + " and their mean");
		for (final CardMetric m : scenes) {
			final CardMetric p = c.metrics.stream().filter(x -> parent.equals(x.method()) && parent.equals(x.base())
				&& java.util.Objects.equals(x.scene(), m.scene()) && (x.mean_over_scenes() != null) == (m.mean_over_scenes() != null)).findFirst()
				.orElseThrow(() -> new AssertionError(c.id + ": no " + parent + " row for " + m.scene()));
			assertTrue(m.hf_ratio() > p.hf_ratio() && m.hf_ratio() < 2 - p.hf_ratio(),
				c.id + ": high-frequency ratio " + m.hf_ratio() + " is not closer to HR's than the parent's " + p.hf_ratio() + " on " + m.scene());
			if (m.mean_over_scenes() != null)
				assertTrue(m.psnr_gain_over_base_db() >= -1.5, c.id + ": " + m.psnr_gain_over_base_db() + " dB against its fidelity parent (at most 1.5 lower)");
		}
	}
}
