package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Hosts;
import org.tilesr.Images;
import org.tilesr.TestData;

/**
 * SciJava's command line, the code path of Fiji's {@code --headless --run} and of scripts, from a Fiji-like folder
 * ({@code jars/ij-*.jar}, then TileSR installed by scripts/install-fiji.sh), started the way Fiji's launcher starts
 * it: class path = the folder's jars/ and plugins/ (plus the launcher's own main class), working directory and
 * {@code imagej.dir}/{@code ij.dir}/{@code fiji.dir} = the folder. Each job must be done when the JVM has ended, and
 * a failed job must end it with a non-zero status.
 */
class SciJavaLauncherIT {

	@TempDir
	static Path tmp;

	private static Path app, launcher;

	@BeforeAll
	static void install() throws Exception {
		app = Files.createDirectories(tmp.resolve("Fiji.app/jars")).getParent();
		final Path ij = Hosts.jar("ij-1.");
		Files.copy(ij, app.resolve("jars").resolve(ij.getFileName()));
		Hosts.install(app);
		launcher = tmp.resolve("launcher.jar");
		final String name = SciJavaMain.class.getName().replace('.', '/') + ".class";
		try (OutputStream os = Files.newOutputStream(launcher); JarOutputStream j = new JarOutputStream(os)) {
			j.putNextEntry(new JarEntry(name));
			j.write(Files.readAllBytes(TestData.root().resolve("target/test-classes").resolve(name)));
			j.closeEntry();
		}
	}

	/** {@code --headless --run COMMAND ARGS}, under {@code umask} when given. */
	private static Hosts.Result run(final String command, final String args, final String umask) throws Exception {
		final String cp = String.join(File.pathSeparator, app.resolve("jars") + "/*", app.resolve("plugins") + "/*", launcher.toString());
		return Hosts.run(app, Map.of(), umask, 600, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Dimagej.dir=" + app, "-Dij.dir=" + app, "-Dfiji.dir=" + app, "-cp", cp, SciJavaMain.class.getName(),
			"--headless", "--run", command, args);
	}

	private static Path folder(final String name, final String... dicoms) throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve(name));
		for (final String d : dicoms)
			Files.copy(TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), dir.resolve(d));
		return dir;
	}

	@Test
	void aLongBatchWithTheGenericModelIsDoneWhenTheJvmEnds() throws Exception {
		final Path in = folder("in", "a.dcm", "b.dcm"), out = tmp.resolve("out");
		final long t0 = System.nanoTime();
		final Hosts.Result r = run("TileSR Batch", "input='" + in + "', pattern='*.dcm', output='" + out
			+ "', model='esrgan-thick-x4', device='auto'", "027");
		final double seconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(0, r.status(), r.lines());
		assertTrue(seconds > 10, "the job must outlast SciJava's 5 s grace to test anything: " + seconds + " s");
		for (final String name : new String[] { "a_tilesr.tif", "b_tilesr.tif" }) {
			assertEquals(1024, Images.open(out.resolve(name)).getWidth(), name);
			assertEquals("rw-r-----", Hosts.mode(out.resolve(name)), name + " under umask 027");
		}
		final List<String> report = Files.readAllLines(out.resolve("tilesr-report.csv"));
		assertEquals(3, report.size(), report.toString());
		assertTrue(report.get(1).startsWith("a.dcm,ok,") && report.get(2).startsWith("b.dcm,ok,"), report.toString());
		assertEquals("rw-r-----", Hosts.mode(out.resolve("tilesr-report.csv")));
		assertTrue(r.output().contains("tilesr: batch: 2 enhanced, 0 skipped (done before), 0 failed; report: " + out.resolve("tilesr-report.csv")),
			r.lines());
		System.out.printf("--run TileSR Batch with esrgan-thick-x4: 2 files in %.1f s, exit 0%n", seconds);
	}

	@Test
	void aBatchWithAFailedFileEndsNonZero() throws Exception {
		final Path in = folder("in2", "good.dcm"), out = tmp.resolve("out2");
		Files.writeString(in.resolve("broken.dcm"), "DICM but not really\n");
		final Hosts.Result r = run("TileSR Batch", "input='" + in + "', output='" + out + "', model='nearest-x2'", null);
		assertEquals(1, r.status(), r.lines());
		assertTrue(Files.exists(out.resolve("good_tilesr.tif")));
		final List<String> report = Files.readAllLines(out.resolve("tilesr-report.csv"));
		assertTrue(report.get(1).startsWith("broken.dcm,failed,") && report.get(2).startsWith("good.dcm,ok,"), report.toString());
		assertTrue(r.output().contains("[ERROR] tilesr: batch: 1 enhanced, 0 skipped (done before), 1 failed"), r.lines());
	}

	@Test
	void anUnknownModelEndsNonZeroNamingTheFoldersSearched() throws Exception {
		final Path in = folder("in3", "a.dcm");
		final Hosts.Result r = run("TileSR Batch", "input='" + in + "', output='" + tmp.resolve("out3") + "', model='no-such-x4'", null);
		assertEquals(1, r.status(), r.lines());
		assertTrue(r.output().contains("[ERROR] tilesr: model: no model 'no-such-x4'; searched [" + app.resolve("models")), r.lines());
	}

	@Test
	void fineTuneRunsToTheEnd() throws Exception {
		final Path model = tmp.resolve("tiny");
		final Hosts.Result r = run("TileSR Fine-tune", "train='" + TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm")
			+ "', base='esrgan-thick-x2', id='tiny-x2', output='" + model + "', steps=3, batch=1, patch=16, lr=0.00001, device='cpu'", "022");
		assertEquals(0, r.status(), r.lines());
		assertTrue(Files.isRegularFile(model.resolve("card.json")), r.lines());
		assertEquals(4, Files.readAllLines(model.resolve("training-log.csv")).size());
		for (final String f : new String[] { "card.json", "weights.safetensors", "training-log.csv" })
			assertEquals("rw-r--r--", Hosts.mode(model.resolve(f)), f + " under umask 022");
	}
}
