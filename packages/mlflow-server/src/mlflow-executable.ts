import path from 'node:path';
import { runProcess } from '@rings/child-process';
import { REPO_ROOT } from './paths';

/** The mlflow executable of the project's Python environment, created when missing. */
export async function findMlflowExecutable(): Promise<string> {
  const venv = await runProcess({
    command: 'bash',
    args: [path.join(REPO_ROOT, 'scripts', 'python-env.sh'), 'mlflow'],
    name: 'python-env.sh mlflow',
  });
  return path.join(venv.trim().split('\n').pop() ?? '', 'bin', 'mlflow');
}
