import path from 'node:path';
import { ConfigError, loadPromoteConfig, loadServerConfig } from './config';

describe('loadServerConfig', () => {
  it('when the environment is empty, then the documented defaults', () => {
    expect(loadServerConfig({})).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8080,
      LOG_LEVEL: 'info',
      MODEL_STORE_DIR: path.resolve('models'),
      MAX_UPLOAD_BYTES: 5 * 1024 * 1024,
      BATCH_MAX_SIZE: 32,
      BATCH_WINDOW_MS: 2,
    });
  });

  it('when values are given as strings, then they are coerced; empty ones mean the default', () => {
    const config = loadServerConfig({
      PORT: '80',
      BATCH_WINDOW_MS: '0.5',
      NODE_ENV: 'production',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      PORT: 80,
      BATCH_WINDOW_MS: 0.5,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
  });

  it('when several values are bad, then one line per variable', () => {
    const error = (() => {
      try {
        loadServerConfig({ PORT: 'eighty', NODE_ENV: 'prod', MAX_UPLOAD_BYTES: '-1' });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.issues.map((line) => line.split(':')[0]).sort()).toEqual([
      'MAX_UPLOAD_BYTES',
      'NODE_ENV',
      'PORT',
    ]);
  });
});

describe('loadPromoteConfig', () => {
  it('when a crash step is named, then it must be a real step', () => {
    expect(loadPromoteConfig({ RING_PROMOTE_CRASH_AT: 'pointer-temp-written' }).RING_PROMOTE_CRASH_AT).toBe(
      'pointer-temp-written',
    );
    expect(() => loadPromoteConfig({ RING_PROMOTE_CRASH_AT: 'somewhere' })).toThrow(/RING_PROMOTE_CRASH_AT/);
    expect(() => loadPromoteConfig({ MODEL_NAME: "x' or '1'='1" })).toThrow(/MODEL_NAME/);
  });
});
