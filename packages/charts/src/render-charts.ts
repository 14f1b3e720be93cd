import path from 'node:path';
import { ChildProcessError, runProcess } from '@rings/child-process';
import sharp from 'sharp';
import { z } from 'zod';
import type { ChartRequest } from './chart-requests';

/** The renderer script: the same path from src/ (tests) and dist/ (built). */
const RENDERER = path.resolve(__dirname, '..', 'render', 'render-svg.mjs');

export interface RenderChartsOptions {
  /** The width, in CSS pixels, of charts whose spec fills its container (default 640). */
  width?: number;
  /** Device pixels per CSS pixel of the PNG (default 2, sharp on high-density screens). */
  scale?: number;
  /** The renderer process is killed after this long (default 60 s). */
  timeoutMs?: number;
}

/** One rendered chart: the Vega-Lite spec that drew it, its SVG and PNG. */
export interface RenderedChart {
  chart: ChartRequest['chart'];
  spec: Record<string, unknown>;
  svg: string;
  png: Buffer;
  /** Warnings of vega-lite's compiler and vega's view; empty for a clean chart. */
  warnings: string[];
}

/** Thrown when the renderer cannot draw a chart; the message is the renderer's. */
export class ChartRenderError extends Error {
  readonly code = 'CHART_RENDER_FAILED';
}

const replySchema = z.array(
  z.object({
    spec: z.record(z.string(), z.unknown()),
    svg: z.string().startsWith('<svg'),
    warnings: z.array(z.string()),
  }),
);

async function runRenderer(input: string, timeoutMs: number): Promise<string> {
  try {
    return await runProcess({
      command: process.execPath,
      args: [RENDERER],
      name: 'the chart renderer',
      input,
      timeoutMs,
    });
  } catch (err) {
    if (!(err instanceof ChildProcessError)) throw err;
    throw new ChartRenderError(`the chart renderer failed: ${err.message}`, { cause: err });
  }
}

/**
 * Render Vega-Lite charts headlessly (vega 6 in a short-lived Node process, then
 * sharp from SVG to PNG), in request order.
 */
export async function renderCharts(
  requests: readonly ChartRequest[],
  options: RenderChartsOptions = {},
): Promise<RenderedChart[]> {
  const { width = 640, scale = 2, timeoutMs = 60_000 } = options;
  const reply = await runRenderer(JSON.stringify({ charts: requests, width }), timeoutMs);
  const rendered = replySchema.parse(JSON.parse(reply));
  return Promise.all(
    rendered.map(async (r, i) => ({
      chart: requests[i].chart,
      ...r,
      png: await sharp(Buffer.from(r.svg), { density: 72 * scale })
        .png()
        .toBuffer(),
    })),
  );
}
