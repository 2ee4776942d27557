#!/usr/bin/python3
"""Reference embeddings for the ResNet-18 extractor tests, computed without ONNX Runtime: the two graphs that
Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 ships (ResNetPreprocess.onnx, ResNet18.onnx) are read with the `onnx`
package (Debian's python3-onnx 1.12, parsing only) and evaluated node by node with torch.nn.functional in float64
(Debian's python3-torch). Inputs are images made by formula, the same formula as the C# tests (ResNet18ExtractorTests.Pattern):

  value(c, y, x) = (37 * c + 11 * y + 5 * x + (x * y) % 7 * 13) % 256      (bytes, RGB planes, channel-major)

Fixture "direct": the 3x224x224 pattern fed as is.  Fixture "cifar": the 3x32x32 pattern resized to 224x224 by
bilinear interpolation with half-pixel centres (torch's interpolate, align_corners=False, no antialias), the
extractor's resize for images of any other size.  Fixture "cifar_128": the 3x32x32 pattern resized to 128x128, the
preprocessing graph's mean image resized to 128x128 the same way, the same Split/Concat/Sub, and ResNet18.onnx's
nodes with its last AveragePool taken over the whole (4x4) map: the extractor's path at input sizes other than 224.

Usage: /usr/bin/python3 make_resnet18_fixture.py [PACKAGE_DIR]  (default ~/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1)
Writes resnet18_fixture.json beside this script.
"""
import hashlib
import json
import os
import sys

import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

pkg = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1")
models = os.path.join(pkg, "tools", "DnnImageModels")
prep_path = os.path.join(models, "ResNetPrepOnnx", "ResNetPreprocess.onnx")
net_path = os.path.join(models, "ResNet18Onnx", "ResNet18.onnx")


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def pad4(x, pads, value):
    # ONNX 2-d pads are [top, left, bottom, right]; F.pad takes (left, right, top, bottom)
    top, left, bottom, right = pads
    return F.pad(x, (left, right, top, bottom), value=value) if any(pads) else x


def run(path, feeds, initializers=None, global_pool=False):
    model = onnx.load(path)
    env = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()).double() for i in model.graph.initializer}
    env.update(initializers or {})
    env.update(feeds)
    for n in model.graph.node:
        a = attrs(n)
        x = [env[i] for i in n.input]
        if n.op_type == "Split":
            outs = torch.split(x[0], list(a["split"]), dim=a["axis"])
        elif n.op_type == "Concat":
            outs = [torch.cat(x, dim=a["axis"])]
        elif n.op_type == "Sub":
            outs = [x[0] - x[1]]
        elif n.op_type == "Add":
            outs = [x[0] + x[1]]
        elif n.op_type == "Relu":
            outs = [F.relu(x[0])]
        elif n.op_type == "Conv":
            assert a.get("auto_pad", b"NOTSET") in (b"NOTSET", 0, "NOTSET")
            y = pad4(x[0], list(a.get("pads", [0, 0, 0, 0])), 0.0)
            outs = [F.conv2d(y, x[1], x[2] if len(x) > 2 else None, stride=tuple(a["strides"]),
                             dilation=tuple(a.get("dilations", [1, 1])), groups=a.get("group", 1))]
        elif n.op_type == "BatchNormalization":
            scale, bias, mean, var = x[1:5]
            outs = [F.batch_norm(x[0], mean, var, scale, bias, training=False, eps=a["epsilon"])]
        elif n.op_type == "MaxPool":
            y = pad4(x[0], list(a.get("pads", [0, 0, 0, 0])), float("-inf"))
            outs = [F.max_pool2d(y, tuple(a["kernel_shape"]), tuple(a["strides"]))]
        elif n.op_type == "AveragePool" and global_pool:
            outs = [x[0].mean(dim=(2, 3), keepdim=True)]
        elif n.op_type == "AveragePool":
            assert not any(a.get("pads", [0, 0, 0, 0]))
            outs = [F.avg_pool2d(x[0], tuple(a["kernel_shape"]), tuple(a["strides"]))]
        else:
            raise SystemExit(f"{path}: operator {n.op_type} not handled")
        for name, v in zip(n.output, outs):
            env[name] = v
    return env[model.graph.output[0].name]


def pattern(size):
    c = torch.arange(3).view(3, 1, 1)
    y = torch.arange(size).view(1, size, 1)
    x = torch.arange(size).view(1, 1, size)
    return ((37 * c + 11 * y + 5 * x + (x * y) % 7 * 13) % 256).double()


def embed(rgb224):
    prepped = run(prep_path, {"OriginalInput": rgb224.unsqueeze(0)})
    return run(net_path, {"Input247": prepped}).reshape(-1)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def embed_at(rgb, size):
    mean = {i.name: i for i in onnx.load(prep_path).graph.initializer}["MeanImage"]
    mean = torch.from_numpy(numpy_helper.to_array(mean).copy()).double()
    mean = F.interpolate(mean, size=(size, size), mode="bilinear", align_corners=False)
    prepped = run(prep_path, {"OriginalInput": rgb.unsqueeze(0)}, initializers={"MeanImage": mean})
    return run(net_path, {"Input247": prepped}, global_pool=True).reshape(-1)


direct = embed(pattern(224))
resized = F.interpolate(pattern(32).unsqueeze(0), size=(224, 224), mode="bilinear", align_corners=False)[0]
cifar = embed(resized)
cifar_128 = embed_at(F.interpolate(pattern(32).unsqueeze(0), size=(128, 128), mode="bilinear", align_corners=False)[0], 128)
out = {
    "generator": "make_resnet18_fixture.py: onnx " + onnx.__version__ + " (parsing), torch " + torch.__version__ + " float64 (evaluation)",
    "resnet18_sha256": sha256(net_path),
    "preprocess_sha256": sha256(prep_path),
    "direct": [round(float(v), 7) for v in direct],
    "cifar_resized_224": [round(float(v), 5) for v in resized[:, :4, :4].reshape(-1)],
    "cifar": [round(float(v), 7) for v in cifar],
    "cifar_128": [round(float(v), 7) for v in cifar_128],
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "resnet18_fixture.json"), "w") as f:
    json.dump(out, f, indent=1)
print("direct: first", [round(float(v), 4) for v in direct[:4]], "max", float(direct.max()), "cifar max", float(cifar.max()))
