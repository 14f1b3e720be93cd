"""Training peer: our architecture, input size, batch size and data, fitted by Keras on TF CPU.

usage: python train_keras.py SPEC.json
Prints one JSON line: images/s per timed epoch (after warm-up epochs), the
parameter count and the versions used.
"""

import json
import sys
import time

import numpy as np
import keras
import tensorflow as tf

import mirror


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    data = spec["data"]
    x = mirror.read_images(data["images"], data["count"], data["size"])
    y = np.fromfile(data["labels"], dtype=np.int32)
    loss = mirror.keras_loss(spec["loss"])
    if loss == "categorical_crossentropy":
        y = keras.utils.to_categorical(y, spec["num_classes"])

    model = mirror.build_model(spec["topology"])
    mirror.load_weights(model, spec["weights"]["manifest"], spec["weights"]["data"])
    # Keras defaults otherwise (jit_compile="auto": XLA where the model allows it).
    model.compile(optimizer=mirror.make_optimizer(spec["optimizer"]), loss=loss, metrics=spec["metrics"])

    for _ in range(spec["warmup_epochs"]):
        model.fit(x, y, batch_size=spec["batch_size"], epochs=1, shuffle=True, verbose=0)
    seconds = []
    for _ in range(spec["repetitions"]):
        start = time.perf_counter()
        model.fit(x, y, batch_size=spec["batch_size"], epochs=1, shuffle=True, verbose=0)
        seconds.append(time.perf_counter() - start)

    print(
        json.dumps(
            {
                "images_per_s": [data["count"] / s for s in seconds],
                "epoch_seconds": seconds,
                "params": int(model.count_params()),
                "tensorflow": tf.__version__,
                "keras": keras.__version__,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
