import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The product compiled as `npm start` compiles it, once per test worker, into dist-test/. */
export const root = resolve(__dirname, '..', '..');
const buildDir = join(root, 'dist-test', `build-${process.pid}`);

export function buildProduct(): string {
  if (!existsSync(join(buildDir, 'main.js'))) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir], {
      cwd: root,
      stdio: 'pipe',
    });
  }
  return buildDir;
}

export const removeBuild = () => rmSync(buildDir, { recursive: true, force: true });
