package org.tilesr.core;

/**
 * Where finished output rows go. Nothing is visible at the destination until {@link #commit()}; closing without
 * commit removes what was written (cancel, failure).
 */
public interface RasterSink extends AutoCloseable {

	/**
	 * True when the sink stores bands interleaved (a row block of every band before the next rows, e.g. a chunky
	 * TIFF); false when it takes one band after the other (e.g. an ImageJ stack).
	 */
	boolean interleaved();

	/** Writes rows {@code [y, y + rows)} of one band, full width, values already rounded to the output type. */
	void write(int band, int y, int rows, float[] data);

	/** Finishes the output and makes it visible (temporary file renamed into place). */
	void commit();

	@Override
	void close();
}
