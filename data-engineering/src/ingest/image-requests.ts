import { createImageChecker, type ImageCheck, type ImageCheckOptions } from './check-image';
import { createImagePlacer, type PlaceCommand } from './place-image';

/** What a worker needs to know, fixed for the run. */
export interface ImageWorkerSetup extends ImageCheckOptions {
  linkImages: boolean;
}

/** A check that could not run (e.g. EACCES, EIO): the record goes to the DLQ with it. */
export interface CheckCrash {
  ok: false;
  crash: { message: string; stack: string };
}

export type ImageRequest =
  | { id: number; kind: 'check'; images: (string | undefined)[] }
  | { id: number; kind: 'place'; commands: PlaceCommand[] };

export type ImageResponse =
  { id: number; results: (ImageCheck | CheckCrash | undefined)[] } | { id: number; error: string };

/** Serves batches of checks and placements; the same code runs in a worker or in-process. */
export function handleImageRequest(setup: ImageWorkerSetup) {
  const check = createImageChecker(setup);
  const place = createImagePlacer(setup.linkImages);
  const checkOne = async (image: string | undefined) => {
    if (image === undefined) return undefined;
    try {
      return await check(image);
    } catch (error) {
      const { message, stack = '' } = error as Error;
      return { ok: false as const, crash: { message, stack } };
    }
  };
  return async (request: ImageRequest): Promise<ImageResponse> => {
    try {
      if (request.kind === 'check') {
        const results = [];
        for (const image of request.images) results.push(await checkOne(image));
        return { id: request.id, results };
      }
      request.commands.forEach(place);
      return { id: request.id, results: [] };
    } catch (error) {
      return { id: request.id, error: (error as Error).message };
    }
  };
}
