// Artifacts through the tracking server's proxy: uploads streamed from disk,
// downloads streamed to disk, listings validated with zod.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ArtifactsApi, RunsApi } from './api';
import { parseRunsUri, proxyLocation, proxyPath } from './artifact-uri';
import type { Transport } from './http';
import { insideRoot, listLocalFiles, mapLimit, writeStreamToFile } from './local-files';
import { artifactsApi } from './paths';
import type { ArtifactFile } from './types';
import { wireInt } from './wire-tracking';

const listAnswer = z.object({
  files: z
    .array(z.object({ path: z.string(), is_dir: z.boolean().default(false), file_size: wireInt.optional() }))
    .default([]),
});

/** Parallel transfers of a folder's files. */
const concurrency = 4;

export function createArtifactsApi(http: Transport, runs: Pick<RunsApi, 'get'>): ArtifactsApi {
  /** `runs:/` URIs resolve through the run's artifact URI; `mlflow-artifacts:` ones directly. */
  const locate = async (uri: string, subPath = ''): Promise<string> => {
    const runsUri = parseRunsUri(uri);
    if (runsUri === undefined) return proxyLocation(uri, subPath);
    const run = await runs.get(runsUri.runId);
    return proxyLocation(run.info.artifactUri, [runsUri.path, subPath].filter(Boolean).join('/'));
  };

  const uploadTo = async (location: string, localFile: string): Promise<number> => {
    const { size } = await stat(localFile);
    await http.upload(proxyPath(location), () => createReadStream(localFile), size);
    return size;
  };

  const list = async (location: string): Promise<ArtifactFile[]> => {
    const query = { path: location };
    const answer = await http.json({ method: 'GET', path: artifactsApi, query }, listAnswer);
    return answer.files.map((f) => ({
      path: f.path,
      isDir: f.is_dir,
      fileSize: f.is_dir ? undefined : f.file_size,
    }));
  };

  /** Files below `location`, relative to it, depth first. */
  const listTree = async (location: string, prefix = ''): Promise<string[]> => {
    const files: string[] = [];
    for (const entry of await list(location)) {
      const name = path.posix.basename(entry.path);
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (entry.isDir) files.push(...(await listTree(`${location}/${name}`, relative)));
      else files.push(relative);
    }
    return files;
  };

  return {
    uploadFile: async (uri, localFile, artifactPath = path.basename(localFile)) => {
      await uploadTo(await locate(uri, artifactPath), localFile);
    },
    uploadDirectory: async (uri, localDir, artifactPath = '') => {
      const root = await locate(uri, artifactPath);
      const files = await listLocalFiles(localDir);
      const sizes = await mapLimit(files, concurrency, (f) =>
        uploadTo(`${root}/${f}`, path.join(localDir, f)),
      );
      return { files, bytes: sizes.reduce((a, b) => a + b, 0) };
    },
    list: async (uri, subPath = '') => list(await locate(uri, subPath)),
    downloadFile: async (uri, artifactPath, localFile, options = {}) => {
      const location = await locate(uri, artifactPath);
      const { maxBytes } = options;
      const cap = maxBytes === undefined ? undefined : { maxBytes, what: `artifact ${location}` };
      await http.download(proxyPath(location), (body) => writeStreamToFile(body, localFile, cap));
    },
    downloadDirectory: async (uri, subPath, localDir) => {
      const root = await locate(uri, subPath);
      const files = (await listTree(root)).sort();
      const sizes = await mapLimit(files, concurrency, (f) =>
        http.download(proxyPath(`${root}/${f}`), (body) => writeStreamToFile(body, insideRoot(localDir, f))),
      );
      return { files, bytes: sizes.reduce((a, b) => a + b, 0) };
    },
  };
}
