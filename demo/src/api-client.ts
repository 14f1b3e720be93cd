import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SAMPLE_IMAGE } from './paths';

/** An answer of the API, its body pretty-printed when it is JSON. */
export interface Answer {
  status: number;
  text: string;
}

export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  try {
    return { status: res.status, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { status: res.status, text }; // not JSON: as it is
  }
}

/** A multipart form with one image file (absolute, or in the repository), as curl -F "image=@..." sends it. */
export function imageForm(file = SAMPLE_IMAGE): FormData {
  const form = new FormData();
  const bytes = readFileSync(path.resolve(REPO_ROOT, file));
  form.append('image', new Blob([bytes], { type: 'image/png' }), 'compound.png');
  return form;
}

const SHOWN_LINES = 30;

/** Call the API as the original demo's curl line does and print the answer; throws on an error status. */
export async function showCall(
  base: string,
  method: 'GET' | 'POST',
  route: string,
  form?: FormData,
): Promise<string> {
  console.log(`   $ curl -X ${method} ${base}${route}${form ? ` -F "image=@${SAMPLE_IMAGE}"` : ''}`);
  const { status, text } = await request(`${base}${route}`, { method, body: form });
  const lines = text.split('\n');
  const shown =
    lines.length > SHOWN_LINES
      ? [...lines.slice(0, SHOWN_LINES), `... (${lines.length - SHOWN_LINES} more lines)`]
      : lines;
  console.log(`   HTTP ${status}\n${shown.map((line) => `   ${line}`).join('\n')}`);
  if (status >= 400) throw new Error(`${method} ${route} answered ${status}`);
  return text;
}
