package org.tilesr.core;

/** Receives progress and log lines from the engine; travels with the request, never through globals. */
public interface Progress {

	/** Tiles done so far out of total over the whole dataset, and the estimated seconds left (NaN before the first). */
	default void tiles(final long done, final long total, final double etaSeconds) {}

	/** One line for the user's log (device, model, backoff events, timing). */
	default void log(final String line) {}

	Progress NONE = new Progress() {};
}
