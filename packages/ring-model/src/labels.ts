// The label space: softmax over ring counts 0..K-1, the last class meaning
// "K-1 or more rings". K is chosen from the data at training time and saved in
// the model's metadata.

/** Default K: classes 0..6, the last one meaning "6 or more" rings. */
export const DEFAULT_NUM_CLASSES = 7;

/** Class index for a ring count: counts of K-1 or more share the last class. */
export function ringCountToClass(numRings: number, numClasses: number): number {
  if (!Number.isInteger(numRings) || numRings < 0) {
    throw new RangeError(`ring count must be a non-negative integer, got ${numRings}`);
  }
  return Math.min(numRings, numClasses - 1);
}

/** Human label of a class: "3", or "6+" for the open-ended last class. */
export function classLabel(classIndex: number, numClasses: number): string {
  return classIndex === numClasses - 1 ? `${classIndex}+` : String(classIndex);
}

/** Labels of every class, in order. */
export function classLabels(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, i) => classLabel(i, numClasses));
}
