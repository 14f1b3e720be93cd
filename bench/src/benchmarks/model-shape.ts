import type { ArchitectureName } from '@rings/data-science';

/** An architecture at an input size: what a benchmark builds, always with the size given. */
export interface ModelShape {
  architecture: ArchitectureName;
  /** the model input is imageSize x imageSize x 1 */
  imageSize: number;
}

/** "v3, 80 px": for labels and notes. */
export function describeShape(shape: ModelShape): string {
  return `${shape.architecture}, ${shape.imageSize} px`;
}
