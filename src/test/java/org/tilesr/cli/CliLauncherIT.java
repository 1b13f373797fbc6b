package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Hosts;
import org.tilesr.Images;
import org.tilesr.TestData;

/** The {@code ./tilesr} launcher as the README uses it, in its own process: model folders listed, file modes from the umask. */
class CliLauncherIT {

	@TempDir
	Path tmp;

	private Hosts.Result tilesr(final String umask, final String... args) throws Exception {
		final String[] cmd = new String[args.length + 1];
		cmd[0] = TestData.root().resolve("tilesr").toString();
		System.arraycopy(args, 0, cmd, 1, args.length);
		return Hosts.run(tmp, Map.of(), umask, 300, cmd);
	}

	@Test
	void modelsListsEveryFolderSearched() throws Exception {
		Hosts.importWeights();
		final Hosts.Result r = tilesr(null, "models");
		assertEquals(0, r.status(), r.output());
		assertTrue(r.output().contains(TestData.root().resolve("models").toString()), r.output());
		assertTrue(r.output().contains(Path.of(System.getProperty("user.home"), ".tilesr", "models").toString()), r.output());
		assertTrue(r.output().contains("esrgan-thick-x4") && r.output().contains("ct-mri-x4"), r.output());
	}

	@Test
	void outputsGetTheUmasksMode() throws Exception {
		final Path in = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");
		for (final String[] c : new String[][] { { "022", "rw-r--r--" }, { "027", "rw-r-----" } }) {
			final Path out = tmp.resolve("x2-" + c[0] + ".tif");
			final Hosts.Result r = tilesr(c[0], "enhance", in.toString(), out.toString(), "--model", "nearest-x2");
			assertEquals(0, r.status(), r.output());
			assertEquals(512, Images.open(out).getWidth());
			assertEquals(c[1], Hosts.mode(out), "umask " + c[0]);
		}
		final Path dir = Files.createDirectories(tmp.resolve("in"));
		Files.copy(in, dir.resolve("a.dcm"));
		final Hosts.Result r = tilesr("027", "batch", dir.toString(), tmp.resolve("out").toString(), "--model", "nearest-x2");
		assertEquals(0, r.status(), r.output());
		assertEquals("rw-r-----", Hosts.mode(tmp.resolve("out/a_tilesr.tif")));
		assertEquals("rw-r-----", Hosts.mode(tmp.resolve("out/tilesr-report.csv")));
		try (var files = Files.list(tmp.resolve("out"))) {
			assertEquals(2, files.count(), "no temporary file left");
		}
	}
}
