package org.tilesr.train;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tilesr.TileSRException;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;

/**
 * Runs {@code tilesr fine-tune} in a child JVM, so that Fiji stays responsive and the child's environment (e.g.
 * {@code ONEDNN_MAX_CPU_ISA}, see {@link FineTune}) is its own. Log lines go to the progress; cancelling stops the child
 * (its last checkpoint is kept; running again resumes).
 */
public final class FineTuneProcess {

	private static final Pattern STEP = Pattern.compile("^step (\\d+)/(\\d+) ");

	private FineTuneProcess() {}

	/** @param args the fine-tune options ({@code --id}, {@code --out}, {@code --train}, ...) */
	public static Path run(final List<String> args, final Progress progress, final Cancel cancel) {
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Xmx4g", "-Djava.awt.headless=true"));
		for (final String k : System.getProperties().stringPropertyNames())
			if (k.startsWith("tilesr.") || k.startsWith("ai.djl.") || k.equals("DJL_CACHE_DIR") || k.equals("ENGINE_CACHE_DIR")
				|| k.equals("java.library.path"))
				cmd.add("-D" + k + "=" + System.getProperty(k));
		cmd.addAll(List.of("-cp", classPath(), "org.tilesr.cli.Main", "fine-tune"));
		cmd.addAll(args);
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		final Process p;
		try {
			p = pb.start();
		}
		catch (final IOException e) {
			throw new TileSRException("fine-tune", "cannot start a Java process (" + e.getMessage() + ")", e);
		}
		String last = null, lastError = null;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			final Thread watch = new Thread(() -> {
				while (p.isAlive()) {
					if (cancel.isCancelled()) p.destroy();
					try {
						Thread.sleep(200);
					}
					catch (final InterruptedException e) {
						return;
					}
				}
			}, "tilesr-fine-tune-cancel");
			watch.setDaemon(true);
			watch.start();
			for (String line; (line = r.readLine()) != null;) {
				if (line.startsWith("tilesr: ")) lastError = line.substring(8);
				else if (line.startsWith("/") || line.matches("^[A-Za-z]:\\\\.*")) last = line.trim();
				if (line.startsWith("[") || line.startsWith("tiles ") || line.contains("LegacyTypeDispatch")) continue;
				final Matcher m = STEP.matcher(line);
				if (m.find()) progress.tiles(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Double.NaN);
				progress.log(line);
			}
			final int status = p.waitFor();
			cancel.check();
			if (status != 0) throw new TileSRException("fine-tune", lastError != null ? lastError : "the fine-tune process ended with status " + status);
		}
		catch (final IOException e) {
			p.destroy();
			throw new TileSRException("fine-tune", "lost the fine-tune process (" + e.getMessage() + ")", e);
		}
		catch (final InterruptedException e) {
			p.destroy();
			Thread.currentThread().interrupt();
			throw new Cancel.CancelledException();
		}
		if (last == null) throw new TileSRException("fine-tune", "the fine-tune process named no model card");
		return Path.of(last);
	}

	/** This JVM's class path, plus TileSR's own jar and, inside Fiji, the jars/ folder next to plugins/. */
	static String classPath() {
		final List<String> cp = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
		try {
			final File own = new File(FineTuneProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (!cp.contains(own.getPath())) cp.add(0, own.getPath());
			final File jars = new File(own.getParentFile().getParentFile(), "jars");
			if (own.getParentFile().getName().equals("plugins") && jars.isDirectory()) cp.add(jars.getPath() + File.separator + "*");
		}
		catch (final Exception e) {
			// the class path alone then
		}
		return String.join(File.pathSeparator, cp);
	}
}
