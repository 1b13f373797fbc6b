package org.tilesr.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.LibUtils;

import java.nio.file.Path;
import java.util.Locale;

import org.tilesr.TileSRException;

/**
 * The one place that starts the engine and decides the device: CUDA when DJL sees a GPU, CPU otherwise; an
 * explicit request ("cpu", "gpu", "gpu:N") wins, and a GPU request without a GPU is an error.
 */
public final class Devices {

	public static final String ENGINE = "PyTorch";
	/** The libtorch version TileSR is built against (its native jar's version). */
	private static final String PYTORCH = org.tilesr.Build.property("pytorch", "of the pytorch-jni jar's version");

	private Devices() {}

	/**
	 * Starts the PyTorch engine once, from the class loader that loaded TileSR (ImageJ 1.x's plugin loader, Fiji's,
	 * a plain class path): DJL looks for engines and for libtorch's native jar through the thread's context class
	 * loader, which in ImageJ 1.x is the application loader and does not see {@code jars/}. Intra-op threads default
	 * to the core count.
	 */
	public static synchronized Engine engine() {
		setDefault("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
		setDefault("ai.djl.pytorch.num_interop_threads", "1");
		// Avoids ~3 profiling runs of the TorchScript optimizer for every new input size.
		setDefault("ai.djl.pytorch.graph_optimizer", "false");
		final Thread thread = Thread.currentThread();
		final ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(Devices.class.getClassLoader());
		try {
			// Engine's static start-up may already have run under another loader and found nothing.
			if (!Engine.hasEngine(ENGINE)) Engine.registerEngine(new ai.djl.pytorch.engine.PtEngineProvider());
			return Engine.getEngine(ENGINE);
		}
		catch (final EngineException | IllegalArgumentException | UnsatisfiedLinkError | NoClassDefFoundError e) {
			throw new TileSRException("PyTorch engine", "libtorch could not be loaded (" + e.getMessage() + "); " + searched(), e);
		}
		finally {
			thread.setContextClassLoader(before);
		}
	}

	/** What engine loading looked at, and what to do: for the one-line error. */
	private static String searched() {
		final ClassLoader loader = Devices.class.getClassLoader();
		final boolean natives = loader != null && loader.getResource("native/lib/pytorch.properties") != null;
		final String own = String.valueOf(ModelCatalog.ownLocation());
		final String libtorch = System.getenv("PYTORCH_LIBRARY_PATH");
		return "TileSR runs from " + own + "; PyTorch's native jar (pytorch-native-cpu or -cu124 " + PYTORCH + ") "
			+ (natives ? "is on its class path" : "is not on its class path")
			+ (libtorch == null ? ", PYTORCH_LIBRARY_PATH is unset" : ", PYTORCH_LIBRARY_PATH=" + libtorch)
			+ ", DJL's cache is " + cacheDir() + (natives
				? " (it must be writable: libtorch is unpacked there on first use)"
				: ". Put the jars of target/fiji/jars into the installation's jars/ folder (scripts/install-fiji.sh does) or"
					+ " set PYTORCH_LIBRARY_PATH to a libtorch " + PYTORCH);
	}

	private static String cacheDir() {
		for (final String k : new String[] { "ENGINE_CACHE_DIR", "DJL_CACHE_DIR" }) {
			final String v = System.getProperty(k, System.getenv(k));
			if (v != null) return v;
		}
		return Path.of(System.getProperty("user.home"), ".djl.ai").toString();
	}

	private static void setDefault(final String key, final String value) {
		if (System.getProperty(key) == null) System.setProperty(key, value);
	}

	/**
	 * Resolves a device request: null, "" or "auto" picks GPU 0 when present, else CPU.
	 *
	 * @throws TileSRException for an unknown request or a GPU that is not there
	 */
	public static Device choose(final String request) {
		final Engine engine = engine();
		final int gpus = engine.getGpuCount();
		final String r = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
		if (r.isEmpty() || r.equals("auto")) return gpus > 0 ? Device.gpu(0) : Device.cpu();
		if (r.equals("cpu")) return Device.cpu();
		if (r.equals("gpu") || r.equals("cuda") || r.startsWith("gpu:") || r.startsWith("cuda:")) {
			final int colon = r.indexOf(':');
			final int id;
			try {
				id = colon < 0 ? 0 : Integer.parseInt(r.substring(colon + 1));
			}
			catch (final NumberFormatException e) {
				throw new TileSRException("device", "'" + request + "' is not cpu, gpu or gpu:N");
			}
			if (gpus == 0)
				throw new TileSRException("device", "'" + request + "' asks for a GPU but PyTorch sees none (libtorch flavor "
					+ flavor() + "; a GPU needs the cuda build, see docs/gpu.md)");
			if (id < 0 || id >= gpus)
				throw new TileSRException("device", "'" + request + "' asks for GPU " + id + " but PyTorch sees " + gpus);
			return Device.gpu(id);
		}
		throw new TileSRException("device", "'" + request + "' is not cpu, gpu or gpu:N");
	}

	/** The line logged on every run: device, engine version, libtorch flavor and threads. */
	public static String describe(final Device device) {
		final Engine engine = engine();
		return "device=" + device + " engine=" + ENGINE + " libtorch=" + engine.getVersion() + " flavor=" + flavor()
			+ " gpus=" + engine.getGpuCount() + " threads=" + System.getProperty("ai.djl.pytorch.num_threads");
	}

	/** The libtorch flavor in use (cpu, cu124, ...), read from the folder DJL loaded it from. */
	public static String flavor() {
		engine();
		final String path = LibUtils.getLibtorchPath();
		if (path == null) return "unknown";
		// DJL's cache folders are <version>[-<build>]-<flavor>-<os>-<arch>, e.g. 2.5.1-20241113-cpu-linux-x86_64.
		for (Path p = Path.of(path); p != null && p.getFileName() != null; p = p.getParent()) {
			final String[] parts = p.getFileName().toString().split("-");
			if (parts.length >= 4 && parts[0].matches("\\d+\\.\\d+\\.\\d+")) return parts[parts.length - 3];
		}
		return "custom (" + path + ")";
	}
}
