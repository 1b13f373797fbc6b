package org.tilesr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.api.Batch;
import org.tilesr.api.Enhancer;
import org.tilesr.cli.Args;
import org.tilesr.cli.EnhanceCommand;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.model.ModelCatalog;

/**
 * The Spark runner against a real HDFS (name node and data node of Hadoop 3.3.4, Spark's own, in this JVM): inputs
 * listed and read from {@code hdfs:} URIs (folder, glob, manifest), outputs written there atomically, equal byte for
 * byte to {@code tilesr batch}'s on local copies; the report on HDFS; a damaged file's row naming its URI; a rerun
 * skipping finished outputs; no temporary file left.
 */
class HdfsBatchTest {

	@TempDir
	static Path base;
	private static MiniDFSCluster hdfs;
	private static FileSystem fs;
	private static JavaSparkContext sc;

	@BeforeAll
	static void start() throws IOException {
		final Configuration c = new Configuration();
		c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
		hdfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
		hdfs.waitActive();
		fs = hdfs.getFileSystem();
		sc = SparkTestData.local("HdfsBatchTest");
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.close();
		if (hdfs != null) hdfs.shutdown();
	}

	private static String uri(final String path) {
		return hdfs.getURI() + path;
	}

	@Test
	void hdfsInHdfsOut() throws IOException {
		final Path models = SparkTestData.models();
		final Path local = SparkTestData.inputs(base.resolve("local-in"));
		final byte[] whole = Files.readAllBytes(SparkTestData.sampleTiff());
		Files.write(local.resolve("damaged.tif"), java.util.Arrays.copyOf(whole, whole.length / 3));
		fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(uri("/archive/in")));
		final List<String> engine = List.of("--model", "esrgan-thick-x2", "--device", "cpu", "--models", models.toString());

		final Path ref = base.resolve("batch");
		try (Enhancer e = Enhancer.open(EnhanceCommand.settings(new Args(engine.subList(0, 4), EnhanceCommand.FLAGS)), new ModelCatalog(List.of(models)), Progress.NONE)) {
			Batch.run(e, local, "*", ref, false, Progress.NONE, new Cancel());
		}

		final SparkBatch.Result r = run(uri("/archive/in"), uri("/archive/out"), engine);
		assertEquals(uri("/archive/out/" + Batch.REPORT), r.report());
		int ok = 0;
		for (final Batch.Row row : r.rows()) {
			if (row.file().equals("damaged.tif")) {
				assertEquals("failed", row.status(), row.toString());
				assertTrue(row.error().contains(uri("/archive/in/damaged.tif")), "the reason names the file's URI: " + row.error());
				continue;
			}
			assertEquals("ok", row.status(), row.toString());
			assertTrue(row.output().startsWith(uri("/archive/out/")), row.output());
			final String name = new org.apache.hadoop.fs.Path(row.output()).getName();
			assertArrayEquals(SparkBatchTest.withoutTimestamps(ref.resolve(name)), SparkBatchTest.withoutTimestamps(download(row.output()), row.output()),
				name + " differs from tilesr batch's");
			final FileStatus st = fs.getFileStatus(new org.apache.hadoop.fs.Path(row.output()));
			assertEquals("rw-r--r--", st.getPermission().toString(), "HDFS's umask (022) gives the mode");
			ok++;
		}
		assertTrue(ok >= 2, "at least two real files enhanced");
		final List<String> report = new String(download(r.report()), StandardCharsets.UTF_8).lines().toList();
		assertEquals("file,status,seconds,output,error", report.get(0));
		assertEquals(r.rows().size() + 1, report.size());
		assertEquals(List.of(), temporaries("/archive/out"));

		// a rerun skips the finished outputs (not rewritten) and tries the damaged file again
		final Map<String, Long> before = mtimes("/archive/out");
		final SparkBatch.Result again = run(uri("/archive/in"), uri("/archive/out"), engine);
		for (final Batch.Row row : again.rows())
			assertEquals(row.file().equals("damaged.tif") ? "failed" : "skipped", row.status(), row.toString());
		assertEquals(before, mtimes("/archive/out"));

		// a glob and a manifest on HDFS, output to a local folder
		final String dcm = "brain_010.dcm";
		try (var os = fs.create(new org.apache.hadoop.fs.Path(uri("/archive/list.txt")))) {
			os.write(("# one slice\nin/" + dcm + "\n").getBytes(StandardCharsets.UTF_8));
		}
		assertEquals(List.of(uri("/archive/in/" + dcm)), HadoopFiles.inputs(uri("/archive/list.txt"), "*", null, sc.hadoopConfiguration()));
		assertEquals(List.of(uri("/archive/in/" + dcm)), HadoopFiles.inputs(uri("/archive/in/*.dcm"), "*", null, sc.hadoopConfiguration()));
		final Path out = base.resolve("local-out");
		final SparkBatch.Result mixed = run(uri("/archive/list.txt"), out.toString(), engine);
		assertEquals(List.of("ok"), mixed.rows().stream().map(Batch.Row::status).toList());
		final String name = dcm.replace(".dcm", Batch.SUFFIX);
		assertArrayEquals(SparkBatchTest.withoutTimestamps(ref.resolve(name)), SparkBatchTest.withoutTimestamps(out.resolve(name)));
		SparkBatchTest.assertNoTemporaryFiles(out);
		try (Stream<Path> s = Files.list(Path.of(org.apache.spark.SparkFiles.getRootDirectory()))) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("tilesr-stage-")), "staging folders removed");
		}
	}

	@Test
	void missingHdfsInputIsOneLine() {
		final org.tilesr.TileSRException e = org.junit.jupiter.api.Assertions.assertThrows(org.tilesr.TileSRException.class,
			() -> HadoopFiles.inputs(uri("/nothing/here"), "*", null, sc.hadoopConfiguration()));
		assertTrue(e.getMessage().startsWith(uri("/nothing/here")) && e.getMessage().contains("no such folder"), e.getMessage());
	}

	private static SparkBatch.Result run(final String in, final String out, final List<String> engine) {
		final List<String> args = new ArrayList<>(List.of(in, out));
		args.addAll(engine);
		return SparkBatch.run(sc, new Args(args, EnhanceCommand.FLAGS), System.err);
	}

	private static byte[] download(final String u) throws IOException {
		try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(u))) {
			return in.readAllBytes();
		}
	}

	private static List<String> temporaries(final String dir) throws IOException {
		final List<String> t = new ArrayList<>();
		for (final FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(uri(dir))))
			if (f.getPath().getName().startsWith(".")) t.add(f.getPath().getName());
		return t;
	}

	private static Map<String, Long> mtimes(final String dir) throws IOException {
		final Map<String, Long> m = new HashMap<>();
		for (final FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(uri(dir))))
			if (f.getPath().getName().endsWith(Batch.SUFFIX)) m.put(f.getPath().getName(), f.getModificationTime());
		return m;
	}
}
