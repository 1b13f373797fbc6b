package org.tilesr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident set size (Linux VmHWM), in MB, or -1 where /proc is not there. */
final class PeakMemory {

	private PeakMemory() {}

	static long megabytes() {
		try {
			for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
		}
		catch (final IOException | RuntimeException e) {
			// not Linux
		}
		return -1;
	}
}
