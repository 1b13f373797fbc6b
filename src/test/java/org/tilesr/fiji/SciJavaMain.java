package org.tilesr.fiji;

/**
 * The launcher the host tests use for SciJava's command line, as Fiji's {@code net.imagej.Main} is for Fiji: a
 * gateway's {@code launch(args)}, e.g. {@code --headless --run "TileSR Batch" "input='/in', output='/out'"}.
 */
public final class SciJavaMain {

	private SciJavaMain() {}

	public static void main(final String... args) {
		new org.scijava.SciJava().launch(args);
	}
}
