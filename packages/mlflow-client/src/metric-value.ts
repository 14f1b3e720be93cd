// Non-finite metric values on the wire. JSON has no NaN or Infinity, so MLflow
// (protobuf JSON) writes them as the strings "NaN", "Infinity", "-Infinity".
// Its SQL stores keep NaN but save ±Infinity as ±max double (Python's
// sys.float_info.max), so that value is read back as ±Infinity.

/** A metric value as MLflow's JSON carries it. */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

/** JavaScript number -> what MLflow's JSON parser accepts. */
export function encodeMetricValue(value: number): WireMetricValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/** MLflow's JSON value -> JavaScript number (±max double becomes ±Infinity). */
export function decodeMetricValue(value: WireMetricValue): number {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity' || value === Number.MAX_VALUE) return Infinity;
  if (value === '-Infinity' || value === -Number.MAX_VALUE) return -Infinity;
  return value;
}
