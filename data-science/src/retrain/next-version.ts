import { promises as fs } from 'node:fs';

/** The next free vN after every vN folder in these directories (v1 when there is none). */
export async function nextVersionName(dirs: readonly string[]): Promise<string> {
  let highest = 0;
  for (const dir of dirs) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const match = /^v(\d+)$/.exec(name);
      if (match) highest = Math.max(highest, Number(match[1]));
    }
  }
  return `v${highest + 1}`;
}
