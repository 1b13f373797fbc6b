package org.tilesr.fiji;

import java.io.File;

import net.imagej.patcher.LegacyEnvironment;

/**
 * Runs one IJ1 macro headless the way Fiji's --headless does (ij1-patcher's LegacyEnvironment), with the given
 * jars, or folders of jars (an ImageJ layout's plugins/ and jars/), on the plugin class path. Its own process: no
 * ij.* class may be loaded before the environment is made. usage: MacroRunner MACRO PATH...
 */
public final class MacroRunner {

	private MacroRunner() {}

	public static void main(final String[] args) throws Exception {
		final LegacyEnvironment env = new LegacyEnvironment(null, true);
		for (int i = 1; i < args.length; i++) {
			final File f = new File(args[i]);
			final File[] jars = f.isDirectory() ? f.listFiles((d, n) -> n.endsWith(".jar")) : new File[] { f };
			for (final File j : jars)
				env.addPluginClasspath(j);
		}
		env.runMacro(args[0], "");
		System.exit(0);
	}
}
