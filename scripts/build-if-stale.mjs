#!/usr/bin/env node
/**
 * Compiles the product (nest build) only when something it is built from changed since the last build
 * this script made, so a command line on an up-to-date checkout starts at once. Deleting or adding a file
 * changes its directory's time, so that counts too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -Infinity;
const changed = Math.max(...inputs.map((input) => join(root, input)).filter(existsSync).map(newest));
if (changed >= built) {
  process.stderr.write('Compiling the tracker (its sources changed since the last build)…\n');
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(stamp, `built ${new Date(started).toISOString()}\n`);
}
