import { admitDecodeWork, admitUpload, decodeDone } from '../http/admission';
import { requestIdOf } from '../http/request-id';
import { uploadedImages, uploadImages } from '../http/upload';
import { describePrediction, predictionEvents, predictUploads } from '../model/predict-uploads';
import { batchResponseSchema } from '../openapi/schemas';
import { notifyObserver } from '../prediction-observer';
import { IMAGE_ERRORS, imageUploadBody } from './predict-docs';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const predictBatchRoute: RouteDefinition = {
  method: 'post',
  path: '/predict/batch/',
  doc: {
    summary: 'Count the rings in several drawings at once (all answered by the same model version)',
    description:
      'curl -F images=@a.png -F images=@b.png http://localhost:8080/predict/batch/ ; one bad image fails the request and its details name the index',
    tags: ['predict'],
    requestBody: imageUploadBody('images', { type: 'array', items: { type: 'string', format: 'binary' } }),
    responses: {
      200: jsonResponse('one prediction per image, in order', batchResponseSchema),
      ...errorResponses(...IMAGE_ERRORS),
    },
  },
  handlers: (deps) => [
    admitUpload(deps, { maxFiles: deps.config.MAX_BATCH_IMAGES, maxBytes: deps.config.MAX_UPLOAD_BYTES }),
    uploadImages({
      field: 'images',
      maxFiles: deps.config.MAX_BATCH_IMAGES,
      maxBytes: deps.config.MAX_UPLOAD_BYTES,
    }),
    admitDecodeWork(deps),
    async (_req, res) => {
      const files = uploadedImages(res);
      const outcome = await predictUploads(deps, files, { batch: true, onDecoded: () => decodeDone(res) });
      const requestId = requestIdOf(res);
      const ids = files.map((_file, index) => `${requestId}:${index}`);
      res.json({
        model_version: outcome.version,
        request_id: requestId,
        predictions: outcome.results.map(({ prediction }, index) => ({
          index,
          filename: files[index].filename,
          request_id: ids[index],
          ...describePrediction(prediction, outcome.labels),
        })),
      });
      notifyObserver(deps.observer, predictionEvents(outcome, ids), deps.logger);
    },
  ],
};
