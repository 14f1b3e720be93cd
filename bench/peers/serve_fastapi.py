"""Serving peer: the original demo's stack (FastAPI under uvicorn, Keras), given its best settings.

The model (our architecture and weights, rebuilt by mirror.py) is loaded once per
worker at import; inference runs through a traced tf.function with a fixed input
signature, the fastest per-request path Keras offers; preprocessing repeats ours
with Pillow (flatten on white, grayscale, fit into size x size with white
padding, invert to [0, 1]) with the resampling filter matching ours: Lanczos
for models preprocessed by 'sharp-lanczos3', bilinear (antialiased, as ours)
for 'decode-then-linear' and 'paper-white-linear' (which first divides the
lightness by the page's median, as ring-model's paper-white.ts does).

run: PEER_SERVE_SPEC=spec.json uvicorn serve_fastapi:app --app-dir bench/peers --workers 2
"""

import io
import json
import os

import numpy as np
import tensorflow as tf
from fastapi import FastAPI, File, HTTPException, UploadFile
from PIL import Image, ImageOps

import mirror

_threads = int(os.environ.get("PEER_TF_THREADS", "0"))
if _threads > 0:
    tf.config.threading.set_intra_op_parallelism_threads(_threads)
    tf.config.threading.set_inter_op_parallelism_threads(_threads)

with open(os.environ["PEER_SERVE_SPEC"], encoding="utf-8") as _f:
    SPEC = json.load(_f)
SIZE = SPEC["size"]
RESAMPLING = {
    "sharp-lanczos3": Image.Resampling.LANCZOS,
    "decode-then-linear": Image.Resampling.BILINEAR,
    "paper-white-linear": Image.Resampling.BILINEAR,
}[SPEC.get("method", "sharp-lanczos3")]
PAPER_WHITE = SPEC.get("method") == "paper-white-linear"
DARKEST_PAPER = 64
MODEL = mirror.build_model(SPEC["topology"])
mirror.load_weights(MODEL, SPEC["weights"]["manifest"], SPEC["weights"]["data"])


@tf.function(input_signature=[tf.TensorSpec([None, SIZE, SIZE, 1], tf.float32)])
def infer(x):
    return MODEL(x, training=False)


infer(tf.zeros([1, SIZE, SIZE, 1]))  # trace once before the first request

app = FastAPI(title="ring-count peer")


def on_white_paper(gray: Image.Image) -> Image.Image:
    """Lightness divided by the page's (its lower median), clipped to white; white or dark pages unchanged."""
    light = np.asarray(gray)
    paper = int(np.sort(light, axis=None)[(light.size - 1) // 2])
    if paper == 255 or paper < DARKEST_PAPER:
        return gray
    scaled = np.minimum(255, np.floor(light.astype(np.float64) * 255 / paper + 0.5))
    return Image.fromarray(scaled.astype(np.uint8), mode="L")


def preprocess(data: bytes) -> np.ndarray:
    img = Image.open(io.BytesIO(data))
    img.load()
    if img.mode in ("RGBA", "LA", "P"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    gray = img.convert("L")
    if PAPER_WHITE:
        gray = on_white_paper(gray)
    gray = ImageOps.pad(gray, (SIZE, SIZE), method=RESAMPLING, color=255)
    pixels = np.asarray(gray, dtype=np.float32) / 255.0
    if SPEC.get("invert", True):
        pixels = 1.0 - pixels
    return pixels.reshape(1, SIZE, SIZE, 1)


@app.get("/healthz")
async def healthz():
    return {"status": "ok", "pid": os.getpid()}


@app.post("/predict/")
async def predict(image: UploadFile = File(...)):
    data = await image.read()
    try:
        x = preprocess(data)
    except Exception as error:  # Pillow raises many kinds for bad bytes
        raise HTTPException(status_code=422, detail=f"not an image: {error}") from error
    probs = infer(x).numpy()[0]
    best = int(np.argmax(probs))
    return {"prediction": best, "confidence": float(probs[best]), "probabilities": probs.tolist()}
