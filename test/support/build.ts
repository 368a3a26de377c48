import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
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
    // As the Nest build does (nest-cli.json assets): the page templates and assets beside the compiled pages.
    cpSync(join(root, 'src', 'pages'), join(buildDir, 'pages'), { recursive: true, filter: (path) => !path.endsWith('.ts') });
  }
  return buildDir;
}

export const removeBuild = () => rmSync(buildDir, { recursive: true, force: true });
