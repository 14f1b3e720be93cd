export { tf, assertNativeBackend, describeTensorflow, NativeTensorflowError } from './tensorflow';
