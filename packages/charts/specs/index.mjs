// Every chart spec, for the Node renderer (the pages import the file they need).
export * from './monitoring-specs.mjs';
export * from './prediction-specs.mjs';
export * from './report-specs.mjs';
export * from './training-specs.mjs';
