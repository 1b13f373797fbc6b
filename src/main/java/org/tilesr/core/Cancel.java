package org.tilesr.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cancel token: set from any thread, checked by the engine between batches. */
public final class Cancel {

	private final AtomicBoolean cancelled = new AtomicBoolean();

	public void cancel() {
		cancelled.set(true);
	}

	public boolean isCancelled() {
		return cancelled.get();
	}

	/** Throws {@link CancelledException} once cancelled. */
	public void check() {
		if (isCancelled()) throw new CancelledException();
	}

	/** Thrown by the engine when the user cancelled; the caller leaves no output behind. */
	public static final class CancelledException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		public CancelledException() {
			super("cancelled");
		}
	}
}
