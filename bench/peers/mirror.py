"""Rebuild our TensorFlow.js model in Keras, layer for layer, with the same weights.

The benchmark hands the peers the topology that tfjs serialises (model.toJSON(),
Keras-style layer configs) and our weights, so the Python side runs exactly the
architecture we run, whatever data-science defines as v1, v2 or v3. Layers map
by class name: v3's SeparableConv2D becomes keras.layers.SeparableConv2D, whose
weights come in the order tfjs writes them (depthwise kernel, pointwise kernel,
then the bias if any). tfjs leaves depth_multiplier out of the config, so
Keras builds its default of 1; a model with another multiplier fails
load_weights' shape check instead of running differently. Anything that does
not translate raises MirrorError instead of quietly building another model.
"""

import inspect
import json
import re

import numpy as np
import keras

# Keys that tfjs writes but that either do not exist in Keras 3 or do not change
# the computation (initial values are replaced by our weights anyway).
_DROPPED_SUFFIXES = ("_initializer", "_regularizer", "_constraint")
_DROPPED_KEYS = {"batch_input_shape", "input_shape", "input_dtype", "sparse", "ragged"}
_LAYER_BASE_KEYS = {"name", "dtype", "trainable"}


class MirrorError(Exception):
    """The tfjs model cannot be rebuilt faithfully in Keras."""


def _layer_kwargs(cls, config):
    accepted = set(inspect.signature(cls.__init__).parameters) | _LAYER_BASE_KEYS
    kwargs = {}
    for key, value in config.items():
        if key in _DROPPED_KEYS or key.endswith(_DROPPED_SUFFIXES):
            continue
        if key not in accepted:
            raise MirrorError(f"layer {config.get('name')}: Keras {cls.__name__} has no option '{key}'")
        kwargs[key] = value
    if isinstance(kwargs.get("dtype"), dict):
        kwargs["dtype"] = "float32"
    return kwargs


def _make_layer(spec):
    class_name = spec["class_name"]
    cls = getattr(keras.layers, class_name, None)
    if cls is None:
        raise MirrorError(f"no Keras layer named {class_name}")
    return cls(**_layer_kwargs(cls, spec["config"]))


def _sequential(config):
    layers = config["layers"]
    shape = layers[0]["config"].get("batch_input_shape")
    if not shape:
        raise MirrorError("the first layer of the Sequential model has no batch_input_shape")
    inputs = keras.Input(batch_shape=tuple(shape), name="input")
    if layers[0]["class_name"] == "InputLayer":
        layers = layers[1:]
    x = inputs
    for spec in layers:
        x = _make_layer(spec)(x)
    return keras.Model(inputs, x, name=config.get("name", "mirror"))


def _functional(config):
    tensors = {}
    for spec in config["layers"]:
        name = spec["config"]["name"]
        if spec["class_name"] == "InputLayer":
            shape = spec["config"]["batch_input_shape"]
            tensors[name] = keras.Input(batch_shape=tuple(shape), name=name)
            continue
        nodes = spec.get("inbound_nodes") or []
        if len(nodes) != 1:
            raise MirrorError(f"layer {name} is called {len(nodes)} times; only single calls are mirrored")
        inputs = [tensors[ref[0]] for ref in nodes[0]]
        tensors[name] = _make_layer(spec)(inputs[0] if len(inputs) == 1 else inputs)
    inputs = [tensors[ref[0]] for ref in config["input_layers"]]
    outputs = [tensors[ref[0]] for ref in config["output_layers"]]
    return keras.Model(inputs, outputs[0] if len(outputs) == 1 else outputs, name=config.get("name"))


def build_model(topology):
    """A Keras model with the architecture of a tfjs model.toJSON() topology."""
    kind = topology.get("class_name")
    if kind == "Sequential":
        return _sequential(topology["config"])
    if kind in ("Model", "Functional"):
        return _functional(topology["config"])
    raise MirrorError(f"unsupported model class {kind}")


def load_weights(model, manifest_path, data_path):
    """Set our weights (one float32 file, shapes in a JSON list, in tfjs getWeights() order)."""
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    flat = np.fromfile(data_path, dtype=np.float32)
    arrays, offset = [], 0
    for entry in manifest:
        size = int(np.prod(entry["shape"])) if entry["shape"] else 1
        arrays.append(flat[offset : offset + size].reshape(entry["shape"]))
        offset += size
    if offset != flat.size:
        raise MirrorError(f"weights file holds {flat.size} values, the manifest describes {offset}")
    expected = [tuple(w.shape) for w in model.weights]
    got = [tuple(a.shape) for a in arrays]
    if expected != got:
        raise MirrorError(f"weight shapes differ: keras {expected} vs ours {got}")
    model.set_weights(arrays)


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def make_optimizer(spec):
    """A Keras optimizer from a tfjs optimizer class name and config (camelCase keys)."""
    names = {
        "learningRate": "learning_rate",
        "beta1": "beta_1",
        "beta2": "beta_2",
        "epsilon": "epsilon",
        "momentum": "momentum",
        "useNesterov": "nesterov",
        "decay": "rho",
        "centered": "centered",
        "rho": "rho",
    }
    classes = {"Adam": "Adam", "SGD": "SGD", "Momentum": "SGD", "RMSProp": "RMSprop", "Adamax": "Adamax"}
    class_name = classes.get(spec["class_name"])
    if class_name is None:
        raise MirrorError(f"no Keras optimizer for tfjs {spec['class_name']}")
    config = {names[k]: v for k, v in spec.get("config", {}).items() if k in names and v is not None}
    return getattr(keras.optimizers, class_name)(**config)


def keras_loss(name):
    """'categoricalCrossentropy' -> 'categorical_crossentropy'."""
    return _snake(name)


def read_images(path, count, size):
    """count x size x size x 1 float32 images written by the benchmark."""
    return np.fromfile(path, dtype=np.float32).reshape(count, size, size, 1)
