package org.tilesr.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.cli.Args;
import org.tilesr.cli.EnhanceCommand;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCatalog;

/**
 * The engine of one executor JVM: the model is loaded by the first task and kept for every later task of the job
 * (one model per executor, not per file). Tasks on one executor take turns (the job asks for all of an executor's
 * cores per task, and libtorch's threads use them).
 */
final class ExecutorEngine {

	private static String openedFor;
	private static Enhancer engine;

	private ExecutorEngine() {}

	/**
	 * Runs the jobs one after another; {@code fsConf}: the driver's Hadoop configuration when some input or output is
	 * on a cluster file system (null otherwise); {@code tag}: the job's mark in temporary file names there.
	 */
	static synchronized List<Outcome> run(final List<Job> jobs, final List<String> options, final boolean overwrite, final String models,
		final java.util.Map<String, String> fsConf, final String tag)
	{
		final String executor = executorName();
		final Progress log = new Progress() {
			@Override
			public void log(final String line) {
				System.err.println("tilesr [" + executor + "] " + line);
			}
		};
		final org.apache.hadoop.conf.Configuration conf = fsConf == null ? null : HadoopFiles.configuration(fsConf);
		final List<Outcome> out = new ArrayList<>();
		for (final Job j : jobs) {
			final boolean remoteIn = HadoopFiles.is(j.input()), remoteOut = HadoopFiles.is(j.output());
			final String name = HadoopFiles.fileName(j.input());
			final long t0 = System.nanoTime();
			Path stage = null;
			try {
				if (!overwrite && (remoteOut ? HadoopFiles.exists(j.output(), conf) : Files.exists(Path.of(j.output())))) {
					out.add(new Outcome(j.index(), name, "skipped", 0, j.output(), "output exists (done before)", executor));
					continue;
				}
				final Enhancer e = engine(options, models, log);
				log.log("enhancing " + j.input());
				// files on a cluster file system are read and written through a folder on this executor's disk
				if (remoteIn || remoteOut) stage = Files.createTempDirectory(Path.of(SparkFiles.getRootDirectory()), "tilesr-stage-");
				final Path in = remoteIn ? HadoopFiles.download(j.input(), stage, conf) : Path.of(j.input());
				final Path result = remoteOut ? stage.resolve("out").resolve(HadoopFiles.name(j.output())) : Path.of(j.output());
				try {
					e.enhanceFile(in, result, overwrite, log, new Cancel());
				}
				catch (final TileSRException x) {
					// the failure names the file the user gave, not this executor's copy of it
					throw remoteIn ? new TileSRException((String) null, x.getMessage().replace(in.toString(), j.input()), x) : x;
				}
				if (remoteOut) HadoopFiles.upload(result, j.output(), overwrite, tag, conf);
				out.add(new Outcome(j.index(), name, "ok", (System.nanoTime() - t0) / 1e9, j.output(), "", executor));
			}
			catch (final TileSRException e) {
				log.log("failed: " + e.getMessage());
				out.add(new Outcome(j.index(), name, "failed", (System.nanoTime() - t0) / 1e9, "", e.getMessage(), executor));
			}
			catch (final java.io.IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
				final String why = name + ": " + TileSRException.why(e);
				log.log("failed: " + why);
				out.add(new Outcome(j.index(), name, "failed", (System.nanoTime() - t0) / 1e9, "", why, executor));
			}
			finally {
				if (stage != null) delete(stage);
			}
		}
		return out;
	}

	private static void delete(final Path dir) {
		try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
			for (final Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
		catch (final java.io.IOException | java.io.UncheckedIOException e) {
			// Spark removes its work folder when the job ends
		}
	}

	/** This executor's engine for these options, opened on first use (the model comes from the job's archive). */
	private static Enhancer engine(final List<String> options, final String models, final Progress log) {
		final String key = String.join("\u0000", options) + "\u0000" + models;
		if (engine != null && Objects.equals(openedFor, key)) return engine;
		if (engine != null) engine.close();
		engine = null;
		threads();
		final EnhanceSettings s = EnhanceCommand.settings(new Args(options, EnhanceCommand.FLAGS));
		final Path dir = Path.of(SparkFiles.get(models));
		engine = Enhancer.open(s, new ModelCatalog(List.of(dir)), log);
		openedFor = key;
		return engine;
	}

	/** libtorch's intra-op threads: the cores a task of this job has (all of the executor's), unless set already. */
	private static void threads() {
		final TaskContext task = TaskContext.get();
		final int cpus = task != null ? Math.max(1, task.cpus()) : Runtime.getRuntime().availableProcessors();
		if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cpus));
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
	}

	private static String executorName() {
		final org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
		return env == null ? "local" : "executor " + env.executorId();
	}
}
