// Entry of an image worker thread: checks and places images with synchronous
// file I/O, in batches, for the ingest's main thread (see image-workers.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { handleImageRequest, type ImageWorkerSetup } from './image-requests';

const handle = handleImageRequest(workerData as ImageWorkerSetup);
parentPort?.on('message', (request: Parameters<typeof handle>[0]) => {
  void handle(request).then((response) => parentPort?.postMessage(response));
});
