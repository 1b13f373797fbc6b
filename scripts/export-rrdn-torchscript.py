#!/usr/bin/python3
"""Writes the RRDN x4 generator (esrgan-thick) as a TorchScript module, for `tilesr bench --torchscript`.

An independent PyTorch definition of the network TileSR builds from DJL blocks (model/Rrdn.java), with the weights
read straight from the npm package's TF.js files, so the benchmark compares the same weights and the same math
through the same libtorch: TileSR's Java blocks against one TorchScript graph. Needs Debian's python3-torch.
usage: export-rrdn-torchscript.py NPM_MODEL_DIR OUT.pt   (NPM_MODEL_DIR: .../esrgan-thick-1.0.0/package/models/x4)
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn


def conv(cin, cout):
    return nn.Conv2d(cin, cout, 3, padding=1)


class Rdb(nn.Module):
    def __init__(self, features, growth, convs):
        super().__init__()
        self.f = nn.ModuleList([conv(features + k * growth, growth) for k in range(convs)])
        self.lff = conv(features + convs * growth, features)

    def forward(self, z):
        x = z
        for c in self.f:
            x = torch.cat([x, torch.relu(c(x))], 1)
        return self.lff(x)


class Rrdb(nn.Module):
    def __init__(self, features, growth, convs, rdbs, beta):
        super().__init__()
        self.rdbs = nn.ModuleList([Rdb(features, growth, convs) for _ in range(rdbs)])
        self.beta = beta

    def forward(self, x):
        z = x
        for r in self.rdbs:
            z = z + self.beta * r(z)
        return x + self.beta * z


class Rrdn(nn.Module):
    def __init__(self, scale=4, blocks=10, rdbs=3, convs=4, features=64, growth=32, beta=0.2):
        super().__init__()
        self.scale = scale
        self.pre = conv(3, features)
        self.blocks = nn.ModuleList([Rrdb(features, growth, convs, rdbs, beta) for _ in range(blocks)])
        self.post = conv(features, features)
        self.pre_shuffle = conv(features, 3 * scale * scale)
        self.sr = conv(3, 3)

    def forward(self, x):
        x0 = self.pre(x)
        b = x0
        for blk in self.blocks:
            b = blk(b)
        g = self.post(b) + x0
        y = self.pre_shuffle(g)
        n, c, h, w = y.shape
        s = self.scale
        # TensorFlow's depth_to_space: channel (i*s + j)*C + c goes to offset (i, j) of channel c
        y = y.reshape(n, s, s, c // (s * s), h, w).permute(0, 3, 4, 1, 5, 2).reshape(n, c // (s * s), h * s, w * s)
        return self.sr(y)


def tfjs_weights(folder):
    model = json.load(open(os.path.join(folder, "model.json")))
    out = {}
    for group in model["weightsManifest"]:
        raw = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if w["dtype"] != "float32" or "quantization" in w:
                raise SystemExit("unexpected weight encoding for " + w["name"])
            n = int(np.prod(w["shape"]))
            out[w["name"]] = np.frombuffer(raw, dtype="<f4", count=n, offset=offset).reshape(w["shape"])
            offset += 4 * n
    return out


def load(net, w):
    def put(c, name):
        c.weight.data = torch.from_numpy(np.ascontiguousarray(w[name + "/kernel"].transpose(3, 2, 0, 1)))
        c.bias.data = torch.from_numpy(w[name + "/bias"].copy())

    put(net.pre, "Pre_blocks_conv")
    put(net.post, "post_blocks_conv")
    put(net.pre_shuffle, "PreShuffle")
    put(net.sr, "SR")
    for b, blk in enumerate(net.blocks, 1):
        for r, rdb in enumerate(blk.rdbs, 1):
            for k, c in enumerate(rdb.f, 1):
                put(c, "F_%d_%d_%d" % (b, r, k))
            put(rdb.lff, "LFF_%d_%d" % (b, r))


def main(folder, out):
    net = Rrdn().eval()
    load(net, tfjs_weights(folder))
    with torch.no_grad():
        module = torch.jit.trace(net, torch.rand(1, 3, 16, 16))
    module.save(out)
    print(out, "torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
