package org.tilesr.spark;

import java.io.Serializable;

import org.tilesr.api.Batch;

/** What became of one job on an executor; a report row once back on the driver. */
record Outcome(int index, String file, String status, double seconds, String output, String error, String executor) implements Serializable {

	Batch.Row row() {
		return new Batch.Row(file, status, seconds, output, error);
	}
}
