import os from 'node:os';
import { describeTensorflow } from '@rings/ring-model';
import type { Machine } from './results';

/** CPU, memory, OS, Node and TensorFlow versions; the peers' versions are added by the caller. */
export function describeMachine(peers: Record<string, string> = {}): Machine {
  const cpus = os.cpus();
  const tf = describeTensorflow();
  return {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tfjs_node: tf.tfjsNode,
    libtensorflow: tf.libtensorflow,
    tf_backend: tf.backend,
    peers,
  };
}
