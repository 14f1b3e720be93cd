import type { ApiErrorCode } from '../errors';

/** What can go wrong with an uploaded image, for both predict routes. */
export const IMAGE_ERRORS: ApiErrorCode[] = [
  'MISSING_IMAGE',
  'UNEXPECTED_FIELD',
  'TOO_MANY_FILES',
  'MALFORMED_MULTIPART',
  'PAYLOAD_TOO_LARGE',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_IMAGE_TYPE',
  'IMAGE_UNDECODABLE',
  'RATE_LIMITED',
  'MODEL_NOT_READY',
  'OVERLOADED',
];

/** The multipart request body with one file field. */
export function imageUploadBody(field: string, schema: Record<string, unknown>): Record<string, unknown> {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [field],
          properties: {
            [field]: { ...schema, description: 'PNG, JPEG or WebP (type checked from the bytes)' },
          },
        },
      },
    },
  };
}
