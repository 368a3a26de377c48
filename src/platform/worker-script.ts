import { createHash } from 'node:crypto';
import { dirname, extname, join } from 'node:path';
import { Worker, WorkerOptions } from 'node:worker_threads';

/** How the TypeScript sources compile as a worker loads them: each file on its own, as the tests' runner does. */
const COMPILER_OPTIONS = {
  module: 1, // CommonJS
  target: 9, // ES2022
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
};

/**
 * Starts a worker thread on the module `name` in `dir` (a caller's `__dirname`). The compiled program
 * runs its `.js`. Run from the TypeScript sources (as the tests are), the worker runs the `.ts`, compiled
 * as it loads (and kept compiled beside the compiler, by content, for the next worker): the same threads
 * either way, so what is tested is the layout that runs.
 */
export function startWorker(dir: string, name: string, options: WorkerOptions = {}): Worker {
  if (extname(__filename) !== '.ts') return new Worker(join(dir, `${name}.js`), options);
  const typescript = require.resolve('typescript');
  const cache = join(dirname(dirname(dirname(typescript))), '.cache', 'worker-sources');
  const version = createHash('sha256').update(JSON.stringify(COMPILER_OPTIONS)).digest('hex').slice(0, 8);
  const script = `
    const { createHash } = require('node:crypto');
    const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
    const { threadId } = require('node:worker_threads');
    const { join } = require('node:path');
    const compilerOptions = ${JSON.stringify(COMPILER_OPTIONS)};
    let ts;
    mkdirSync(${JSON.stringify(cache)}, { recursive: true });
    require.extensions['.ts'] = (module, file) => {
      const source = readFileSync(file, 'utf8');
      const kept = join(${JSON.stringify(cache)}, createHash('sha256').update(${JSON.stringify(version)} + file + source).digest('hex') + '.js');
      let compiled;
      try {
        compiled = readFileSync(kept, 'utf8');
      } catch {
        ts ??= require(${JSON.stringify(typescript)});
        compiled = ts.transpileModule(source, { fileName: file, compilerOptions }).outputText;
        // Written whole, then moved into place: another worker never reads half of it.
        writeFileSync(kept + '.' + process.pid + '-' + threadId, compiled);
        renameSync(kept + '.' + process.pid + '-' + threadId, kept);
      }
      module._compile(compiled, file);
    };
    require(${JSON.stringify(join(dir, `${name}.ts`))});`;
  // The compiler needs more memory than a worker of the program may be limited to.
  const { resourceLimits: _limits, ...unlimited } = options;
  return new Worker(script, { ...unlimited, eval: true });
}
