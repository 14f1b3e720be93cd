import { runProcess } from '@rings/child-process';
import { commandEnv, type Demo } from './demo';
import { REPO_ROOT } from './paths';

/** Show a command, run it in the repository with the demo's environment, its output indented; throws when it fails. */
export async function runCommand(
  demo: Demo,
  command: string,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<void> {
  console.log(`   $ ${[command, ...args].join(' ')}`);
  await runProcess({
    command,
    args,
    cwd: REPO_ROOT,
    env: { ...commandEnv(demo), ...extraEnv },
    output: { prefix: '     ' },
  });
}
