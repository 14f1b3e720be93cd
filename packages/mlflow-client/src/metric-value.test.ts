// Non-finite metric values: encoded as MLflow's JSON strings, decoded back,
// including the ±max double MLflow's SQL stores keep for ±Infinity.
import { decodeMetricValue, encodeMetricValue, type WireMetricValue } from './metric-value';

describe('metric values on the wire', () => {
  it.each<[number, WireMetricValue]>([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [0, 0],
    [-1.5e-300, -1.5e-300],
  ])('when %p is encoded, then the wire value is %p and it decodes back', (value, wire) => {
    expect(encodeMetricValue(value)).toBe(wire);
    expect(decodeMetricValue(wire)).toBe(value);
  });

  it.each<[WireMetricValue, number]>([
    [Number.MAX_VALUE, Infinity],
    [-Number.MAX_VALUE, -Infinity],
    [1.7976931348623155e308, 1.7976931348623155e308],
  ])('when the store answers %p, then it decodes to %p', (wire, value) => {
    expect(decodeMetricValue(wire)).toBe(value);
  });
});
