import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { PackFormat } from '../../board-pack/board-pack';
import { startWorker } from '../../platform/worker-script';
import { QuarterlyReport } from '../quarterly-report/quarterly-report';
import type { RenderedFile } from './rendered-file';

export interface RenderRequest {
  id: number;
  report: QuarterlyReport;
  format: PackFormat;
}

export type RenderReply = { id: number; file: Omit<RenderedFile, 'bytes'> & { bytes: Uint8Array } } | { id: number; error: string };

/** An idle render thread gives its memory back after this long; the next document starts another. */
const IDLE_MS = 60_000;

/**
 * Makes report files on a thread of their own (see render.worker.ts), one at a time in the order asked,
 * with a bounded heap. Started on the first document and stopped when idle; a thread that dies fails
 * what it was making, and the next document starts a new one.
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private worker?: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (file: RenderedFile) => void; reject: (error: Error) => void }>();
  private idle?: NodeJS.Timeout;

  render(report: QuarterlyReport, format: PackFormat): Promise<RenderedFile> {
    const worker = this.running();
    const id = this.next++;
    if (this.idle) clearTimeout(this.idle);
    return new Promise<RenderedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, report, format } satisfies RenderRequest);
    });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    await this.worker?.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(__dirname, 'render.worker', { resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 } });
    worker.unref();
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`The render thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: RenderReply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.idleSoon();
    if (!waiting) return;
    if ('error' in reply) waiting.reject(new Error(`The report could not be made: ${reply.error}`));
    else waiting.resolve({ ...reply.file, bytes: Buffer.from(reply.file.bytes.buffer, reply.file.bytes.byteOffset, reply.file.bytes.byteLength) });
  }

  private idleSoon(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      const worker = this.worker;
      this.worker = undefined;
      if (worker && this.pending.size === 0) void worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
