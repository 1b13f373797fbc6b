package org.tilesr.core;

/**
 * A super-resolution network as the core sees it: {@code [n, 3, h, w]} in, {@code [n, 3, s*h, s*w]} out, values
 * in 0..1 (the model's own range is the implementation's business).
 */
public interface Upscaler extends AutoCloseable {

	int scale();

	TileBatch upscale(TileBatch input);

	/** Human-readable description of where this runs, e.g. "cpu()" or "gpu(0)". */
	String device();

	@Override
	void close();
}
