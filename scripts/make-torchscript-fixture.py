#!/usr/bin/python3
"""Writes a tiny TorchScript super-resolution model and its TileSR model card, for the tests of user models.

The network is x2 nearest-neighbour upsampling done by a learned-looking path (conv 3->12 with identity taps,
then PixelShuffle), so its exact output is known. Needs Debian's python3-torch (apt), not pip.
usage: make-torchscript-fixture.py OUTDIR
"""
import hashlib
import json
import os
import sys

import torch


class NearestX2(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 12, 1)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.bias.zero_()
            for c in range(3):
                for k in range(4):  # PixelShuffle reads channel c*4 + k
                    self.conv.weight[c * 4 + k, c, 0, 0] = 1.0
        self.shuffle = torch.nn.PixelShuffle(2)

    def forward(self, x):
        return self.shuffle(self.conv(x))


def main(out):
    os.makedirs(out, exist_ok=True)
    model = torch.jit.script(NearestX2().eval())
    path = os.path.join(out, "nearest-x2.pt")
    model.save(path)
    x = torch.rand(1, 3, 5, 7)
    expect = x.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)
    assert torch.equal(model(x), expect)
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    card = {
        "type": "model",
        "id": "test-nearest-x2-torchscript",
        "name": "Nearest-neighbour x2 (TorchScript test model)",
        "description": "Test fixture made by scripts/make-torchscript-fixture.py with torch " + torch.__version__,
        "license": "Apache-2.0",
        "weights": {"torchscript": {"source": "nearest-x2.pt", "sha256": sha}},
        "config": {"tilesr": {"scale": 2, "channels": 3, "value_range": [0, 255], "halo": 0, "tile": 64}},
    }
    with open(os.path.join(out, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
    print(path, sha)


if __name__ == "__main__":
    main(sys.argv[1])
