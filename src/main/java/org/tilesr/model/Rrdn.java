package org.tilesr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RRDN generator (ESRGAN's residual-in-residual dense blocks, as in idealo ISR and UpscalerJS "thick") built
 * from DJL blocks. Input {@code [n, 3, h, w]}, output {@code [n, 3, s*h, s*w]}:
 * <pre>
 * x0 = conv(x); body = blocks x RRDB; g = conv(body(x0)) + x0; y = conv(depthToSpace(conv(g), s))
 * RRDB(x) = x + beta * chain(x), chain = rdbs x [z + beta * RDB(z)]
 * RDB(z) = conv1x(concat(z, f1, ..., fC)), fk = relu(conv(concat(z, f1, ..., fk-1)))
 * </pre>
 * Every convolution is 3x3 with padding 1 (TensorFlow's 'same'). depth_to_space follows TensorFlow's channel
 * order, so TF weights load unchanged.
 */
public final class Rrdn {

	/** Hyper-parameters, from the model card's {@code config.tilesr.architecture}. */
	public record Spec(int scale, int blocks, int rdbs, int convs, int features, int growth, float beta) {

		public static Spec of(final int scale, final Map<String, Object> arch) {
			return new Spec(scale, num(arch, "blocks", 10), num(arch, "rdbs", 3), num(arch, "convs", 4),
				num(arch, "features", 64), num(arch, "growth", 32), (float) dbl(arch, "beta", 0.2));
		}

		private static int num(final Map<String, Object> m, final String k, final int dflt) {
			return (int) dbl(m, k, dflt);
		}

		private static double dbl(final Map<String, Object> m, final String k, final double dflt) {
			final Object v = m == null ? null : m.get(k);
			return v instanceof Number ? ((Number) v).doubleValue() : dflt;
		}
	}

	private final Spec spec;
	private final Block block;
	/** Every convolution, keyed by its layer name in the original TF/Keras graph, in graph order. */
	private final Map<String, Conv2d> convs = new LinkedHashMap<>();

	public Rrdn(final Spec spec) {
		this.spec = spec;
		final SequentialBlock body = new SequentialBlock();
		for (int b = 1; b <= spec.blocks(); b++)
			body.add(new ScopedBlock(rrdb(b)));
		body.add(conv("post_blocks_conv", spec.features()));

		final SequentialBlock net = new SequentialBlock();
		net.add(conv("Pre_blocks_conv", spec.features()));
		net.add(new ParallelBlock(l -> new NDList(l.get(0).head().add(l.get(1).head())),
			List.of(identity(), body)));
		net.add(conv("PreShuffle", 3 * spec.scale() * spec.scale()));
		net.add(new LambdaBlock(l -> new NDList(depthToSpace(l.head(), spec.scale())), "depth_to_space"));
		net.add(conv("SR", 3));
		this.block = net;
	}

	private Block rrdb(final int b) {
		final SequentialBlock chain = new SequentialBlock();
		for (int r = 1; r <= spec.rdbs(); r++)
			chain.add(residual(rdb(b, r)));
		return residual(chain);
	}

	private Block rdb(final int b, final int r) {
		final SequentialBlock rdb = new SequentialBlock();
		for (int c = 1; c <= spec.convs(); c++) {
			final SequentialBlock f = new SequentialBlock();
			f.add(conv("F_" + b + "_" + r + "_" + c, spec.growth()));
			f.add(Activation.reluBlock());
			rdb.add(new ParallelBlock(l -> new NDList(NDArrays.concat(new NDList(l.get(0).head(), l.get(1).head()), 1)),
				List.of(identity(), f)));
		}
		rdb.add(conv("LFF_" + b + "_" + r, spec.features()));
		return rdb;
	}

	/** x + beta * inner(x). */
	private Block residual(final Block inner) {
		final float beta = spec.beta();
		return new ParallelBlock(l -> new NDList(l.get(0).head().add(scaled(l.get(1).head(), beta))),
			List.of(identity(), inner));
	}

	/**
	 * x · v with v an array that owns its memory and lives in x's manager until the backward pass: DJL's
	 * {@code mul(Number)} closes its scalar at once, whose memory is a Java direct buffer that autograd keeps using.
	 */
	static NDArray scaled(final NDArray x, final float v) {
		return x.mul(x.getManager().create(v).duplicate());
	}

	private static Block identity() {
		return LambdaBlock.singleton(x -> x);
	}

	private Conv2d conv(final String name, final int filters) {
		final Conv2d c = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
			.setFilters(filters).build();
		convs.put(name, c);
		return c;
	}

	/**
	 * TensorFlow's depth_to_space (NHWC semantics) on NCHW data: channel {@code (i*s + j)*C + c} goes to output pixel
	 * offset (i, j) of channel c.
	 */
	static NDArray depthToSpace(final NDArray x, final int s) {
		final Shape sh = x.getShape();
		final long n = sh.get(0), h = sh.get(2), w = sh.get(3), c = sh.get(1) / (s * s);
		return x.reshape(n, s, s, c, h, w).transpose(0, 3, 4, 1, 5, 2).reshape(n, c, h * s, w * s);
	}

	public Block block() {
		return block;
	}

	public Spec spec() {
		return spec;
	}

	public Map<String, Conv2d> convs() {
		return Collections.unmodifiableMap(convs);
	}

	public List<String> convNames() {
		return new ArrayList<>(convs.keySet());
	}
}
