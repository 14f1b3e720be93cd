import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { ApiError } from '../errors';

export interface UploadOptions {
  /** The multipart field holding the image(s). */
  field: string;
  maxFiles: number;
  maxBytes: number;
}

/** An uploaded file, kept in memory (never written to disk). */
export interface UploadedImage {
  bytes: Buffer;
  filename: string | null;
}

function translate(err: unknown, options: UploadOptions): ApiError {
  const { field, maxFiles, maxBytes } = options;
  const what = maxFiles === 1 ? 'the image' : 'the images';
  if (!(err instanceof MulterError)) {
    const message = `the multipart body is malformed: ${(err as Error).message}`;
    return new ApiError('MALFORMED_MULTIPART', message, undefined, { cause: err });
  }
  const tooMany =
    maxFiles === 1
      ? 'send exactly one image; POST /predict/batch/ takes several'
      : `send at most ${maxFiles} images per request`;
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new ApiError('PAYLOAD_TOO_LARGE', `a file is larger than ${maxBytes} bytes`, {
        max_bytes: maxBytes,
      });
    case 'LIMIT_FILE_COUNT':
      return new ApiError('TOO_MANY_FILES', tooMany, { max_files: maxFiles });
    case 'LIMIT_UNEXPECTED_FILE':
      return err.field === field
        ? new ApiError('TOO_MANY_FILES', tooMany, { max_files: maxFiles })
        : new ApiError(
            'UNEXPECTED_FIELD',
            `unexpected file field '${err.field}': send ${what} in '${field}'`,
            {
              field: err.field,
              expected: field,
            },
          );
    default:
      return new ApiError('BAD_REQUEST', `${err.message}${err.field ? ` (field '${err.field}')` : ''}`);
  }
}

/**
 * Read a multipart upload into memory with limits (bytes per file, number of
 * files, the right field name) and put the files in res.locals.images. 415 for
 * anything but multipart/form-data, 400 when no image came.
 */
export function uploadImages(options: UploadOptions): RequestHandler {
  const limits = {
    fileSize: options.maxBytes,
    files: options.maxFiles,
    fields: 10,
    fieldSize: 64 * 1024,
    parts: options.maxFiles + 10,
  };
  // preservePath: busboy would cut "../a.png" to "a.png" and "..", "." or "dir/" to "", and multer
  // silently drops files named "": a batch would lose images and shift the indexes of the rest.
  const upload = multer({ storage: multer.memoryStorage(), limits, preservePath: true });
  const parse =
    options.maxFiles === 1 ? upload.single(options.field) : upload.array(options.field, options.maxFiles);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) {
      const example = `curl -F ${options.field}=@molecule.png ${req.path}`;
      return next(
        new ApiError(
          'UNSUPPORTED_MEDIA_TYPE',
          `send multipart/form-data with the field '${options.field}' (${example})`,
        ),
      );
    }
    // Keep the request's async context (its request_id in logs) past busboy's stream events.
    parse(
      req,
      res,
      AsyncResource.bind((err?: unknown) => {
        if (err) return next(translate(err, options));
        const files = req.file ? [req.file] : Array.isArray(req.files) ? req.files : [];
        if (files.length === 0) {
          return next(
            new ApiError('MISSING_IMAGE', `no image: send it as the multipart file field '${options.field}'`),
          );
        }
        res.locals.images = files.map((f): UploadedImage => ({
          bytes: f.buffer,
          filename: f.originalname || null,
        }));
        next();
      }),
    );
  };
}

/** The files uploadImages put on the response. */
export function uploadedImages(res: Response): UploadedImage[] {
  return res.locals.images as UploadedImage[];
}
