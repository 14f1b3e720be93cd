// TensorFlow's C++ info lines would drown the test output.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
