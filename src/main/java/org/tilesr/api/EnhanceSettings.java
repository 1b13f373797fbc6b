package org.tilesr.api;

import org.tilesr.TileSRException;
import org.tilesr.core.Normalization;

/**
 * What every entry point (CLI, Fiji command, macro, Java) asks of the engine. Unset tile and halo come from the
 * model card; normalization defaults to the dataset's full range.
 */
public final class EnhanceSettings {

	public static final String DEFAULT_MODEL = "esrgan-thick-x4";

	private String model = DEFAULT_MODEL;
	private String device = "auto";
	private Integer tile;
	private Integer halo;
	private int batch = 1;
	private Normalization normalization;

	public String model() {
		return model;
	}

	public EnhanceSettings model(final String id) {
		if (id == null || id.isBlank()) throw new TileSRException("model", "no model given");
		this.model = id;
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

	/** A fixed normalization, or null for the dataset's full range. */
	public Normalization normalization() {
		return normalization;
	}

	public EnhanceSettings normalization(final Normalization n) {
		this.normalization = n;
		return this;
	}
}
