// The prediction page's chart.
import { ACCENT, SCHEMA } from './spec-parts.mjs';

/**
 * Bars of a prediction's class probabilities, the predicted class highlighted.
 * @param {{ label: string, probability: number, predicted: boolean }[]} rows
 */
export function probabilitiesSpec(rows) {
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 180,
    data: { values: rows },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title: 'rings', axis: { labelAngle: 0 } },
      y: {
        field: 'probability',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
        title: 'probability',
      },
      color: { condition: { test: 'datum.predicted', value: ACCENT }, value: '#b7c5e4' },
      tooltip: [
        { field: 'label', title: 'rings' },
        { field: 'probability', format: '.1%' },
      ],
    },
  };
}
