package org.tilesr.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The command line run in this JVM, as the CLI tests drive it: its exit status and what it printed on stderr. */
final class Cli {

	private Cli() {}

	record Result(int status, String err) {}

	static Result run(final String... args) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int status = Main.run(Arrays.asList(args), new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
		return new Result(status, err.toString(StandardCharsets.UTF_8));
	}
}
