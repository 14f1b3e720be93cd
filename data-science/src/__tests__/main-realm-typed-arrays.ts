// jest runs each test file in its own realm, but tfjs-node's native binding
// returns typed arrays of Node's main realm once a tensor has been used by an
// op. tfjs's `instanceof Float32Array` checks (model.save after training) then
// fail in tests only. Import this first in test files that save trained models.
import vm from 'node:vm';

for (const name of ['Float32Array', 'Int32Array'] as const) {
  Object.defineProperty(globalThis, name, {
    value: vm.runInThisContext(name),
    writable: true,
    configurable: true,
  });
}
