package org.tilesr.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Jobs into partitions of nearly equal work: the largest job first into the partition with the least work so far
 * (longest-processing-time-first; within 4/3 of the best split). Work is the pixel count, not the file count, so
 * one huge scene does not share a partition with a hundred small ones.
 */
final class Balance {

	private Balance() {}

	static List<List<Job>> split(final List<Job> jobs, final int partitions) {
		final int n = Math.max(1, Math.min(partitions, jobs.size()));
		final List<List<Job>> bins = new ArrayList<>();
		final long[] work = new long[n];
		for (int i = 0; i < n; i++) bins.add(new ArrayList<>());
		final PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.<Integer>comparingLong(i -> work[i]).thenComparingInt(i -> i));
		for (int i = 0; i < n; i++) lightest.add(i);
		final List<Job> sorted = new ArrayList<>(jobs);
		sorted.sort(Comparator.comparingLong(Job::samples).reversed().thenComparingInt(Job::index));
		for (final Job j : sorted) {
			final int b = lightest.poll();
			bins.get(b).add(j);
			work[b] += Math.max(1, j.samples());
			lightest.add(b);
		}
		for (final List<Job> b : bins) b.sort(Comparator.comparingInt(Job::index));
		bins.removeIf(List::isEmpty);
		return bins;
	}

	static long work(final List<Job> bin) {
		return bin.stream().mapToLong(j -> Math.max(1, j.samples())).sum();
	}
}
