export { summarize, ratioOf, meetsGoal, type Summary, type Ratio, type Goal } from './stats';
export {
  resultsSchema,
  parseResults,
  RESULTS_SCHEMA_VERSION,
  BENCHMARK_NAMES,
  InvalidResultsError,
  type Results,
  type BenchmarkName,
  type BenchmarkResult,
  type Figure,
  type RatioResult,
} from './results';
export { renderResultsMarkdown, replaceBenchSection, README_START, README_END } from './readme-table';
export { runSuite, type SuiteOptions } from './suite';
export { FULL, QUICK, type Settings } from './settings';
