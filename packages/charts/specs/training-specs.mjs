// The training run's plots, saved as PNG and spec in MLflow beside the model.
import { ACCENT, SCHEMA } from './spec-parts.mjs';

const VALIDATION = '#c0392b';
const PANELS = [
  { name: 'loss', series: { train: 'loss', validation: 'val_loss' } },
  { name: 'accuracy', series: { train: 'accuracy', validation: 'val_accuracy' } },
  { name: 'validation MAE (rings)', series: { validation: 'val_mae' } },
];

/**
 * Loss, accuracy and validation MAE per epoch, one panel each, train against validation.
 * @param {{ epoch: number, [key: string]: number }[]} history one entry per epoch
 * @param {string} title
 */
export function learningCurvesSpec(history, title) {
  const rows = history.flatMap((entry) =>
    PANELS.flatMap(({ name, series }) =>
      Object.entries(series)
        .filter(([, key]) => Number.isFinite(entry[key]))
        .map(([source, key]) => ({ epoch: entry.epoch, panel: name, series: source, value: entry[key] })),
    ),
  );
  return {
    $schema: SCHEMA,
    title,
    data: { values: rows },
    facet: { column: { field: 'panel', sort: PANELS.map((p) => p.name), title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 }, scale: { zero: false } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: ['train', 'validation'], range: [ACCENT, VALIDATION] },
          legend: { orient: 'bottom', title: null },
        },
      },
    },
  };
}

/**
 * The confusion matrix as a heat map with the count in every cell.
 * @param {number[][]} matrix matrix[t][p]: test images of true class t predicted as p
 * @param {string[]} labels the class names, in class order
 * @param {string} title
 */
export function confusionMatrixSpec(matrix, labels, title) {
  const rows = matrix.flatMap((row, t) =>
    row.map((count, p) => ({ true: labels[t], predicted: labels[p], count })),
  );
  const half = Math.max(1, ...matrix.flat()) / 2;
  const axis = { labelAngle: 0 };
  return {
    $schema: SCHEMA,
    title,
    width: { step: 44 },
    height: { step: 44 },
    data: { values: rows },
    encoding: {
      x: {
        field: 'predicted',
        type: 'ordinal',
        sort: labels,
        title: 'predicted rings',
        axis: { ...axis, orient: 'top' },
      },
      y: { field: 'true', type: 'ordinal', sort: labels, title: 'true rings', axis },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null },
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: `datum.count > ${half}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
