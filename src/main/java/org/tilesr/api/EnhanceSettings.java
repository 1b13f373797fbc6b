package org.tilesr.api;

import java.util.ArrayList;
import java.util.List;

import org.tilesr.TileSRException;
import org.tilesr.core.NormalizationSpec;

/**
 * What every entry point (CLI, Fiji command, macro, Java) asks of the engine. Unset tile and halo come from the
 * model card; normalization defaults to the dataset's full range (no clipping).
 */
public final class EnhanceSettings {

	public static final String DEFAULT_MODEL = "esrgan-thick-x4";

	private String model = DEFAULT_MODEL;
	private String device = "auto";
	private int scale;
	private Double alpha;
	private String blendWith;
	private Integer tile;
	private Integer halo;
	private int batch = 1;
	private NormalizationSpec normalization = NormalizationSpec.range();
	private final List<int[]> triplets = new ArrayList<>();
	private long memoryBudget;
	private String backend = "auto";
	private boolean cog;
	private boolean unverifiedWeights;
	private String precision = "auto";

	/** The precisions {@link #precision(String)} takes: auto (fp32 on the CPU, fp16 on a GPU), fp32, fp16, bf16. */
	public static final List<String> PRECISIONS = List.of("auto", "fp32", "fp16", "bf16");

	public String model() {
		return model;
	}

	public EnhanceSettings model(final String id) {
		if (id == null || id.isBlank()) throw new TileSRException("model", "no model given");
		this.model = id;
		return this;
	}

	/** The scale asked for, 0 for the model's own; another scale picks the same model family's card for it. */
	public int scale() {
		return scale;
	}

	public EnhanceSettings scale(final int s) {
		if (s < 0 || s > 16) throw new TileSRException("scale", "must be 0 (the model's) or 1..16, got " + s);
		this.scale = s;
		return this;
	}

	/** Network interpolation weight of the model (1 = the model, 0 = the other end), or null for none. */
	public Double alpha() {
		return alpha;
	}

	public EnhanceSettings alpha(final Double a) {
		if (a != null && !(a >= 0 && a <= 1)) throw new TileSRException("alpha", "must be within 0..1, got " + a);
		this.alpha = a;
		return this;
	}

	/** The other end of the interpolation; null for the one the model card names ({@code interpolate_with}). */
	public String blendWith() {
		return blendWith;
	}

	public EnhanceSettings blendWith(final String id) {
		this.blendWith = id == null || id.isBlank() ? null : id;
		return this;
	}

	public String device() {
		return device;
	}

	public EnhanceSettings device(final String d) {
		this.device = d == null ? "auto" : d;
		return this;
	}

	public Integer tile() {
		return tile;
	}

	public EnhanceSettings tile(final Integer t) {
		if (t != null && (t < 8 || t > 4096)) throw new TileSRException("tile", "must be 8..4096 pixels, got " + t);
		this.tile = t;
		return this;
	}

	public Integer halo() {
		return halo;
	}

	public EnhanceSettings halo(final Integer h) {
		if (h != null && (h < 0 || h > 512)) throw new TileSRException("halo", "must be 0..512 pixels, got " + h);
		this.halo = h;
		return this;
	}

	public int batch() {
		return batch;
	}

	public EnhanceSettings batch(final int b) {
		if (b < 1 || b > 256) throw new TileSRException("batch", "must be 1..256 tiles, got " + b);
		this.batch = b;
		return this;
	}

	public NormalizationSpec normalization() {
		return normalization;
	}

	public EnhanceSettings normalization(final NormalizationSpec n) {
		this.normalization = n == null ? NormalizationSpec.range() : n;
		return this;
	}

	/** Band triplets (0-based) that go through the model together as its three channels. */
	public List<int[]> triplets() {
		return triplets;
	}

	public EnhanceSettings triplet(final int r, final int g, final int b) {
		triplets.add(new int[] { r, g, b });
		return this;
	}

	/** Bytes a batch may use (0: the free Java heap); smaller budgets make the engine back off sooner. */
	public long memoryBudget() {
		return memoryBudget;
	}

	public EnhanceSettings memoryBudget(final long bytes) {
		if (bytes < 0) throw new TileSRException("memory budget", "must not be negative");
		this.memoryBudget = bytes;
		return this;
	}

	/** Raster I/O for non-ImageJ files: auto (GDAL when its JNI loads, else pure Java), gdal, java. */
	public String backend() {
		return backend;
	}

	public EnhanceSettings backend(final String b) {
		final String v = b == null ? "auto" : b.trim().toLowerCase(java.util.Locale.ROOT);
		if (!v.equals("auto") && !v.equals("gdal") && !v.equals("java"))
			throw new TileSRException("backend", "'" + b + "' is not auto, gdal or java");
		this.backend = v;
		return this;
	}

	/** Write a Cloud-Optimized GeoTIFF (GDAL backend). */
	public boolean cog() {
		return cog;
	}

	public String precision() {
		return precision;
	}

	/** The number format the network runs in on the device (tiles in and out stay float32). */
	public EnhanceSettings precision(final String p) {
		final String v = p == null ? "auto" : p.strip().toLowerCase(java.util.Locale.ROOT);
		if (!PRECISIONS.contains(v)) throw new TileSRException("precision", "'" + p + "' is not one of " + String.join(", ", PRECISIONS));
		this.precision = v;
		return this;
	}

	/** Run weights whose model card gives no sha256 (their actual sha256 goes into the log and provenance). */
	public boolean unverifiedWeights() {
		return unverifiedWeights;
	}

	public EnhanceSettings unverifiedWeights(final boolean u) {
		this.unverifiedWeights = u;
		return this;
	}

	public EnhanceSettings cog(final boolean c) {
		this.cog = c;
		return this;
	}
}
