import { admitDecodeWork, admitUpload, decodeDone } from '../http/admission';
import { requestIdOf } from '../http/request-id';
import { uploadedImages, uploadImages } from '../http/upload';
import { describePrediction, predictionEvents, predictUploads } from '../model/predict-uploads';
import { predictResponseSchema } from '../openapi/schemas';
import { notifyObserver } from '../prediction-observer';
import { IMAGE_ERRORS, imageUploadBody } from './predict-docs';
import { errorResponses, jsonResponse } from './responses';
import type { RouteDefinition } from './route';

export const predictRoute: RouteDefinition = {
  method: 'post',
  path: '/predict/',
  doc: {
    summary: 'Count the rings in one 2D drawing',
    description: 'curl -F image=@molecule.png http://localhost:8080/predict/',
    tags: ['predict'],
    requestBody: imageUploadBody('image', { type: 'string', format: 'binary' }),
    responses: {
      200: jsonResponse('the prediction', predictResponseSchema),
      ...errorResponses(...IMAGE_ERRORS),
    },
  },
  handlers: (deps) => [
    admitUpload(deps, { maxFiles: 1, maxBytes: deps.config.MAX_UPLOAD_BYTES }),
    uploadImages({ field: 'image', maxFiles: 1, maxBytes: deps.config.MAX_UPLOAD_BYTES }),
    admitDecodeWork(deps),
    async (_req, res) => {
      const outcome = await predictUploads(deps, uploadedImages(res), {
        batch: false,
        onDecoded: () => decodeDone(res),
      });
      const requestId = requestIdOf(res);
      res.json({
        ...describePrediction(outcome.results[0].prediction, outcome.labels),
        model_version: outcome.version,
        request_id: requestId,
      });
      notifyObserver(deps.observer, predictionEvents(outcome, [requestId]), deps.logger);
    },
  ],
};
