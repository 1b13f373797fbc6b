package org.tilesr.spark;

import java.io.Serializable;

/** One input of a Spark batch: where it is, where its output goes, and how many samples it has (its weight). */
record Job(int index, String input, String output, long samples) implements Serializable {}
