package org.tilesr.fiji;

import java.io.File;

import net.imagej.patcher.LegacyEnvironment;

/**
 * Runs one IJ1 macro headless the way Fiji's --headless does (ij1-patcher's LegacyEnvironment), with a plugin jar
 * on the plugin path. Its own process: no ij.* class may be loaded before the environment is made.
 * usage: MacroRunner PLUGIN_JAR MACRO
 */
public final class MacroRunner {

	private MacroRunner() {}

	/** This JVM's class path; Surefire may pass it as the Class-Path of a manifest-only jar. */
	static java.util.List<String> classPath() throws java.io.IOException {
		final java.util.List<String> out = new java.util.ArrayList<>();
		for (final String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (e.endsWith(".jar") && new File(e).getName().startsWith("surefire")) {
				try (java.util.jar.JarFile j = new java.util.jar.JarFile(e)) {
					final String cp = j.getManifest().getMainAttributes().getValue("Class-Path");
					if (cp != null) for (final String u : cp.trim().split("\\s+"))
						out.add(new File(java.net.URI.create(u)).getPath());
				}
			}
			else out.add(e);
		}
		return out;
	}

	public static void main(final String[] args) throws Exception {
		final LegacyEnvironment env = new LegacyEnvironment(null, true);
		env.addPluginClasspath(new File(args[0]));
		// Like Fiji's jars/ folder: the plugin's dependencies (DJL, gson, ...) on the plugin class path, ImageJ itself not.
		for (final String entry : classPath())
			if (!new File(entry).getName().matches("ij-\\d.*") && !entry.endsWith("test-classes") && !entry.endsWith("classes"))
				env.addPluginClasspath(new File(entry));
		env.runMacro(args[1], "");
		System.exit(0);
	}
}
