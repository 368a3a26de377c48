import { parentPort } from 'node:worker_threads';
import { renderReport } from './render-report';
import type { RenderReply, RenderRequest } from './report-renderer';

/**
 * The thread that makes the documents: building a Word document holds its whole tree until it is written,
 * which would stop every other request of the server for that long and leave its garbage on their heap.
 */
parentPort!.on('message', ({ id, report, format }: RenderRequest) => {
  renderReport(report, format).then(
    (file) => {
      const bytes = new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
      parentPort!.postMessage({ id, file: { ...file, bytes } } satisfies RenderReply);
    },
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply),
  );
});
