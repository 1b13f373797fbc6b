package org.tilesr.model;

import java.util.Map;

/**
 * How a fine-tuned model was trained, as its card records it ({@code training}): the run's settings, losses, wall
 * time and machine, and the held-out validation that chose the kept weights; in the gan stage the stage and its
 * discriminator. Fields left null are not written.
 */
public record CardTraining(int steps, int batch, int lr_patch, int hr_patch, String optimizer, String loss, String weights_kept, String augment,
	long seed, double loss_first_50_mean, double loss_last_50_mean, long wall_seconds, int steps_repeated_for_non_finite_gradients,
	String onednn_max_cpu_isa, String device, String tilesr_version, String finished, String log, Validation validation, String stage,
	String discriminator)
{
	/** The validation on held-out scenes: how it was run, the step kept, and each scene's gain at that step and at step 0. */
	public record Validation(String method, int kept_step, int last_step, Map<String, Double> kept_gain_over_bicubic_db,
		Map<String, Double> base_gain_over_bicubic_db, String log, String curve) {}
}
