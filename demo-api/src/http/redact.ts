// What production bodies may say of internal messages (load refusals, store
// errors): no absolute path, no multi-line validation dump. The log keeps all.

const ANY_ABSOLUTE_PATH = /(^|[\s'"(=,])(?:file:\/\/)?\/[^\s'"(),;]*[^\s'"(),;.:]/g;

/** The text with the store's path as $MODEL_STORE_DIR and any other absolute path as <path>. */
export function redactPaths(text: string, storeDir: string): string {
  return text.split(storeDir).join('$MODEL_STORE_DIR').replace(ANY_ABSOLUTE_PATH, '$1<path>');
}

/** Only the store's path replaced (for messages that may quote the client's URL path). */
export function redactStoreDir<T>(value: T, storeDir: string): T {
  if (typeof value === 'string') return value.split(storeDir).join('$MODEL_STORE_DIR') as T;
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value).split(storeDir).join('$MODEL_STORE_DIR')) as T;
}

/** An internal message as production shows it: its first line, without paths. */
export function summarizeForProduction(text: string, storeDir: string): string {
  const first = text.split('\n', 1)[0].replace(/:\s*$/, '');
  return redactPaths(first, storeDir);
}
