package org.tilesr.fiji;

/**
 * A failure in a job started from the command line — ImageJ 1.x's {@code -batch} (or {@code -eval}) without its
 * window, Fiji's or SciJava's {@code --headless --run} — makes the JVM end with status 1, so that a pipeline can tell;
 * neither host passes a plugin's failure to its exit status itself. In an interactive session nothing changes.
 */
final class ExitStatus {

	private static boolean set;

	private ExitStatus() {}

	/** Marks the job failed: when the JVM ends, it ends with status 1 (once registered, whatever else happens). */
	static synchronized void failed() {
		if (set || !commandLineJob()) return;
		set = true;
		// halt, not exit: exit() from a shutdown hook would wait for itself
		Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(1), "tilesr-exit-status"));
	}

	/** Whether a host launcher is running this as a command-line job: its main thread is waiting on it. */
	static boolean commandLineJob() {
		for (final StackTraceElement[] stack : Thread.getAllStackTraces().values())
			for (final StackTraceElement e : stack) {
				if (e.getClassName().startsWith("org.scijava.run.console.RunArgument")) return true;
				if (e.getClassName().equals("ij.ImageJ") && e.getMethodName().equals("main")) return ij.IJ.getInstance() == null;
			}
		return false;
	}
}
