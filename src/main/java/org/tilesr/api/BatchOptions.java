package org.tilesr.api;

import java.util.List;

import org.tilesr.api.Option.Kind;

/**
 * The file options of the batch entry points (CLI batch and spark, Fiji's TileSR Batch; overwrite also for enhance
 * and the IJ1 Enhance File), declared once like the engine's ({@link EnhanceOptions}).
 */
public final class BatchOptions {

	private BatchOptions() {}

	public static final List<Option> ALL = List.of(
		new Option("pattern", Kind.TEXT, "*", List.of(), null, null, "", "which files of the input folder: a glob such as *.dcm or *.tif", List.of(),
			true),
		new Option("overwrite", Kind.FLAG, "false", List.of(), null, null, "", "replace existing outputs (else finished ones are skipped, kept)",
			List.of(), true));

	public static Option get(final String name) {
		return Option.find(ALL, name);
	}
}
