package org.tilesr.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.tilesr.TileSRException;
import org.tilesr.api.Batch;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.cli.Args;
import org.tilesr.cli.EnhanceCommand;
import org.tilesr.io.OutputFile;
import org.tilesr.io.Rasters;
import org.tilesr.io.TiffCheck;
import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;

/**
 * {@code spark-submit --class org.tilesr.spark.SparkBatch tilesr-spark.jar IN OUT [--partitions N] [batch options]}:
 * TileSR's batch on Apache Spark. The driver lists the inputs, names the outputs as {@code tilesr batch} does,
 * skips finished ones, splits the rest into partitions of equal pixel count and ships the model; each executor loads
 * the model once and runs the same engine; the driver writes one report. Outputs equal {@code tilesr batch}'s.
 */
public final class SparkBatch {

	static final String USAGE = "usage: spark-submit --class org.tilesr.spark.SparkBatch tilesr-spark.jar IN OUT [--master URL] "
		+ "[--partitions N] [--models DIR] [--pattern GLOB] [--overwrite] [enhance options: --model ID --tile N ...]\n"
		+ "  IN: a folder, a glob (/data/*.tif) or a manifest (.txt/.lst/.manifest, one path per line); OUT: a folder;\n"
		+ "  each a local path or a URI of the cluster's file systems (hdfs://nn:8020/archive, s3a://bucket/scenes/*.tif);\n"
		+ "  --models DIR: model folders (path list) searched before the standard ones; the driver ships the model to the executors";

	/** The job's outcome: the report rows (input order), where the report is (path or URI), and the job's wall time. */
	record Result(List<Batch.Row> rows, String report, double seconds, Map<String, Integer> perExecutor) {}

	private SparkBatch() {}

	public static void main(final String[] args) {
		System.exit(main(Arrays.asList(args), System.out, System.err));
	}

	static int main(final List<String> args, final PrintStream out, final PrintStream err) {
		if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
			out.println(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		try {
			final Args a = new Args(args, EnhanceCommand.FLAGS);
			// what can be checked without a cluster fails before one is asked for
			if (a.positional.size() != 2) throw new TileSRException("spark", "needs IN and OUT, got " + a.positional + "\n" + USAGE);
			Inputs.check(a.positional.get(0));
			final String master = a.get("master", null);
			final SparkConf conf = new SparkConf().setAppName("TileSR batch");
			if (!conf.contains("spark.master")) conf.setMaster(master != null ? master : "local[*]");
			// started without spark-submit (./tilesr spark --master URL): executors fetch this jar from the driver
			final Path own = ownJar();
			if (!conf.contains("spark.jars") && !conf.get("spark.master").startsWith("local") && own != null) conf.setJars(new String[] { own.toString() });
			final int cores = cores(conf);
			// one task per executor at a time, with all its cores for libtorch's threads
			if (cores > 0 && !conf.contains("spark.task.cpus")) conf.set("spark.task.cpus", Integer.toString(cores));
			// a local job has no one watching a web UI; it would take the cores' time from the network
			if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.ui.enabled")) conf.set("spark.ui.enabled", "false");
			try (JavaSparkContext sc = new JavaSparkContext(conf)) {
				sc.setLogLevel("WARN");
				final Result r = run(sc, a, err);
				for (final Batch.Row row : r.rows())
					if (row.status().equals("failed")) err.println("tilesr: " + row.error());
				err.println(String.format(Locale.ROOT, "tilesr spark: %.1f s; files per executor %s", r.seconds(), r.perExecutor()));
				out.println(Batch.summary(r.rows(), r.report()));
				return Batch.failures(r.rows()) > 0 ? 1 : 0;
			}
		}
		catch (final TileSRException e) {
			err.println("tilesr: " + e.getMessage());
			return 1;
		}
	}

	private static Path ownJar() {
		try {
			final Path p = Path.of(SparkBatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Files.isRegularFile(p) ? p : null;
		}
		catch (final java.net.URISyntaxException | RuntimeException e) {
			return null;
		}
	}

	/** The cores of one executor: local[N]'s N (local[*]: this machine's), else spark.executor.cores (0: not known). */
	static int cores(final SparkConf conf) {
		final String m = conf.get("spark.master", "");
		final java.util.regex.Matcher local = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?").matcher(m);
		if (local.matches())
			return local.group(1) == null ? 1 : local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(local.group(1));
		return conf.getInt("spark.executor.cores", 0);
	}

	/** The job, on a running Spark context; {@code a}: IN OUT and the batch options. */
	static Result run(final JavaSparkContext sc, final Args a, final PrintStream err) {
		final long t0 = System.nanoTime();
		final EnhanceSettings settings = EnhanceCommand.settings(a);
		final String pattern = a.get("pattern", "*");
		final boolean overwrite = a.flag("overwrite");
		final Integer partitions = a.integer("partitions");
		final String modelDirs = a.get("models", null);
		a.get("master", null);
		a.rejectUnknown();
		if (a.positional.size() != 2) throw new TileSRException("spark", "needs IN and OUT, got " + a.positional + "\n" + USAGE);
		final String in = a.positional.get(0), outArg = a.positional.get(1);
		final org.apache.hadoop.conf.Configuration hadoop = sc.hadoopConfiguration();
		// OUT: a local folder, or a folder on the cluster's file system (hdfs:, s3a:, ...)
		final HadoopFiles.Folder remote = HadoopFiles.is(outArg) ? new HadoopFiles.Folder(outArg, hadoop) : null;
		final Path output = remote != null ? null : Inputs.path(outArg).toAbsolutePath().normalize();
		if (output != null && Files.exists(output) && !Files.isDirectory(output)) throw new TileSRException(output, "is a file, not a folder");
		final List<String> files = HadoopFiles.is(in) ? HadoopFiles.inputs(in, pattern, remote != null ? remote.uri() : null, hadoop)
			: Inputs.resolve(in, pattern, output).stream().map(Path::toString).toList();
		// the model is found on the driver and shipped, so a wrong id fails here, before any executor starts
		final List<Path> dirs = new ArrayList<>();
		if (modelDirs != null) for (final String d : modelDirs.split(java.io.File.pathSeparator)) if (!d.isBlank()) dirs.add(Path.of(d));
		dirs.addAll(ModelCatalog.standard().folders());
		final ModelCatalog catalog = new ModelCatalog(dirs);
		final ModelCard card = catalog.find(settings.model(), settings.scale());
		final List<ModelCard> cards = new ArrayList<>(List.of(card));
		String partner = null;
		if (settings.alpha() != null) {
			partner = settings.blendWith() != null ? settings.blendWith() : card.settings().interpolate_with;
			if (partner == null) throw new TileSRException("alpha", card.id + " names no model to interpolate with; give one (--blend-with ID)");
			final ModelCard other = catalog.find(partner);
			cards.add(other);
			partner = other.id;
		}
		final String tag = HadoopFiles.tag(sc.sc().applicationId());
		final int stale;
		if (remote != null) {
			remote.create();
			stale = remote.removeStale(tag);
		}
		else {
			try {
				Files.createDirectories(output);
			}
			catch (final java.io.IOException e) {
				throw new TileSRException(output, "cannot create the folder (" + TileSRException.why(e) + ")", e);
			}
			stale = OutputFile.removeStale(output, null);
		}
		final String where = remote != null ? remote.uri() : output.toString();
		if (stale > 0) err.println("tilesr: removed " + stale + " temporary file(s) left by an interrupted run in " + where);
		// outputs named as tilesr batch names them; finished ones skipped
		final List<String> names = files.stream().map(HadoopFiles::fileName).toList();
		final List<String> outs;
		final java.util.function.Predicate<String> finished;
		if (remote != null) {
			final java.util.Set<String> there = remote.names();
			outs = Batch.plan(names, there::contains, Batch.madeBy(remote.report(), remote::nameInFolder)).stream().map(remote::resolve).toList();
			finished = o -> there.contains(HadoopFiles.name(o));
		}
		else {
			outs = Batch.planByName(names, output).stream().map(Path::toString).toList();
			finished = o -> Files.exists(Path.of(o));
		}
		final Batch.Row[] rows = new Batch.Row[files.size()];
		final List<Job> jobs = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			final String f = files.get(i), o = outs.get(i);
			if (finished.test(o) && !overwrite) rows[i] = new Batch.Row(names.get(i), "skipped", 0, o, "output exists (done before)");
			else jobs.add(new Job(i, f, o, HadoopFiles.is(f) ? HadoopFiles.size(f, hadoop) / 2 : samples(Path.of(f))));
		}
		// executors see the cluster's file system as the driver does
		final Map<String, String> fsConf = remote != null || HadoopFiles.is(in) ? HadoopFiles.entries(hadoop) : null;
		final Map<String, Integer> perExecutor = new TreeMap<>();
		if (!jobs.isEmpty()) {
			final int taskCpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
			final int slots = Math.max(1, sc.defaultParallelism() / taskCpus);
			final List<List<Job>> bins = Balance.split(jobs, partitions != null ? partitions : 2 * slots);
			final Path zip;
			try {
				zip = ModelArchive.write(cards, Files.createTempDirectory("tilesr-spark").resolve("tilesr-models-" + Long.toUnsignedString(System.nanoTime(), 36) + ".zip"));
			}
			catch (final java.io.IOException e) {
				throw new TileSRException("spark", "cannot write the model archive (" + TileSRException.why(e) + ")", e);
			}
			sc.sc().addArchive(zip.toUri().toString());
			final String models = zip.getFileName().toString();
			final List<String> options = executorOptions(a, card.id, partner);
			err.println(String.format(Locale.ROOT, "tilesr spark: %d files (%d done before), %d partitions of %s samples; model %s",
				files.size(), files.size() - jobs.size(), bins.size(), bins.stream().map(Balance::work).toList(), card.id));
			final List<Outcome> done = sc.parallelize(bins, bins.size())
				.flatMap(bin -> ExecutorEngine.run(bin, options, overwrite, models, fsConf, tag).iterator()).collect();
			for (final Outcome o : done.stream().sorted(Comparator.comparingInt(Outcome::index)).toList()) {
				rows[o.index()] = o.row();
				if (o.status().equals("ok")) perExecutor.merge(o.executor(), 1, Integer::sum);
			}
		}
		final List<Batch.Row> list = Arrays.asList(rows);
		// temporary files of attempts whose executor was killed (Spark ran those tasks again)
		if (remote != null) {
			remote.writeReport(list);
			remote.removeStale(tag);
		}
		else {
			Batch.writeReport(output, list);
			OutputFile.removeStale(output, null);
		}
		return new Result(list, remote != null ? remote.resolve(Batch.REPORT) : output.resolve(Batch.REPORT).toString(), (System.nanoTime() - t0) / 1e9, perExecutor);
	}

	/** The engine options the executors get: the user's, with the model and its partner named by the shipped cards' ids. */
	static List<String> executorOptions(final Args a, final String model, final String partner) {
		final List<String> in = a.rawOptions(), out = new ArrayList<>();
		final java.util.Set<String> replaced = java.util.Set.of("model", "scale", "blend-with", "master", "partitions", "pattern", "models");
		for (int i = 0; i < in.size(); i++) {
			final String s = in.get(i);
			final String name = s.startsWith("--") ? s.substring(2).replaceFirst("=.*", "") : null;
			if (name != null && replaced.contains(name)) {
				if (!s.contains("=")) i++;
				continue;
			}
			if (name != null && name.equals("overwrite")) continue;
			out.add(s);
		}
		out.addAll(List.of("--model", model));
		if (partner != null) out.addAll(List.of("--blend-with", partner));
		return out;
	}

	/** The job's weight: samples of a TIFF from its header, else the file's size (DICOM and others: about 2 bytes a sample). */
	static long samples(final Path f) {
		try {
			if (TiffCheck.isTiff(f)) {
				try (var src = Rasters.open(f)) {
					final var info = src.info();
					return (long) info.width() * info.height() * info.bands();
				}
			}
			return Files.size(f) / 2;
		}
		catch (final RuntimeException | java.io.IOException e) {
			try {
				return Files.size(f) / 2;
			}
			catch (final java.io.IOException e2) {
				return 1;
			}
		}
	}
}
