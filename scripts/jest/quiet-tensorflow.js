// TensorFlow's C++ info lines would drown the test output.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
// (for the processes tests start; jest.config.js sets the workers' own environment)
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
