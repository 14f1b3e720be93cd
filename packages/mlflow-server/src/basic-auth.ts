import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Server arguments and environment that turn on MLflow's basic-auth app. */
export interface BasicAuthSettings {
  args: string[];
  env: Record<string, string>;
}

/**
 * The basic-auth app's settings: its user store in `dir`, the admin's password
 * (used when the store is made) and a fresh Flask secret key.
 */
export function basicAuthSettings(dir: string, adminPassword: string): BasicAuthSettings {
  const config = path.join(dir, 'basic_auth.ini');
  const lines = [
    '[mlflow]',
    'default_permission = READ',
    `database_uri = sqlite:///${path.join(dir, 'basic_auth.db')}`,
    'admin_username = admin',
    'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
  ];
  writeFileSync(config, `${lines.join('\n')}\n`);
  return {
    args: ['--app-name', 'basic-auth'],
    env: {
      MLFLOW_AUTH_CONFIG_PATH: config,
      MLFLOW_AUTH_ADMIN_PASSWORD: adminPassword,
      MLFLOW_FLASK_SERVER_SECRET_KEY: randomBytes(32).toString('hex'),
    },
  };
}
