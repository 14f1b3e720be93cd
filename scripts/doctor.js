#!/usr/bin/env node
// Print the TensorFlow backend and versions; fail unless the backend is the
// native 'tensorflow' one. Nothing in this project may run on the pure-JS
// backend by accident: it is about 400 times slower for training.
'use strict';
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0'; // as packages/ring-model/src/tensorflow.ts says why
const os = require('node:os');

function main() {
  let tf;
  try {
    tf = require('@tensorflow/tfjs-node');
  } catch (err) {
    console.error(`doctor: @tensorflow/tfjs-node does not load: ${err.message}`);
    console.error(
      "doctor: run 'npm run setup' to provision native TensorFlow (see README, Offline TensorFlow install).",
    );
    return 1;
  }
  const backend = tf.getBackend();
  const facts = {
    backend,
    'tfjs-node': tf.version['tfjs-node'],
    'libtensorflow (C API)': backend === 'tensorflow' ? tf.backend().binding.TF_Version : 'n/a',
    node: process.version,
    napi: process.versions.napi,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}`,
  };
  for (const [k, v] of Object.entries(facts)) console.log(`${k.padEnd(22)} ${v}`);
  if (backend !== 'tensorflow') {
    console.error(`doctor: the active backend is '${backend}', not 'tensorflow'. Run 'npm run setup'.`);
    return 1;
  }
  const sum = tf.tidy(
    () =>
      tf
        .conv2d(tf.ones([1, 8, 8, 1]), tf.ones([3, 3, 1, 1]), 1, 'valid')
        .sum()
        .dataSync()[0],
  );
  if (sum !== 36 * 9) {
    console.error(`doctor: a 3x3 convolution gave ${sum}, expected ${36 * 9}`);
    return 1;
  }
  console.log('doctor: OK, native TensorFlow works');
  return 0;
}

process.exitCode = main();
