package org.tilesr.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which bands go through the 3-channel model together. By default every band alone, as grayscale (replicated
 * in, averaged out); chosen triplets (e.g. true colour 4,3,2) go through as the model's three channels. Every
 * band is in exactly one job, and keeps its place in the output.
 */
public final class ChannelMapping {

	private final List<int[]> jobs;

	private ChannelMapping(final List<int[]> jobs) {
		this.jobs = jobs;
	}

	public static ChannelMapping grayscale(final int bands) {
		return withTriplets(bands, List.of());
	}

	/** Triplets of 0-based band indices; all other bands alone. */
	public static ChannelMapping withTriplets(final int bands, final List<int[]> triplets) {
		final boolean[] used = new boolean[bands];
		final List<int[]> jobs = new ArrayList<>();
		for (final int[] t : triplets) {
			if (t.length != 3) throw new IllegalArgumentException("a band triplet needs 3 bands, got " + Arrays.toString(t));
			for (final int b : t) {
				if (b < 0 || b >= bands) throw new IllegalArgumentException("band " + (b + 1) + " does not exist (the raster has " + bands + ")");
				if (used[b]) throw new IllegalArgumentException("band " + (b + 1) + " is in two triplets");
				used[b] = true;
			}
			jobs.add(t.clone());
		}
		for (int b = 0; b < bands; b++)
			if (!used[b]) jobs.add(new int[] { b });
		return new ChannelMapping(List.copyOf(jobs));
	}

	public int size() {
		return jobs.size();
	}

	/** The bands of a job: one (grayscale) or three (model channels 0, 1, 2). */
	public int[] bands(final int job) {
		return jobs.get(job);
	}
}
