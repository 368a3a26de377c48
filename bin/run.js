#!/usr/bin/env node
// Runs one of the product's programs from the build (`node bin/run.js cli/token.cli.js list`), building
// first only when a source is newer than the build: a command line on an up-to-date build starts at once.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const BUILD_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** What the build copies as it is (nest-cli.json's assets): the pages' templates, styles and scripts. */
const isAsset = (pathInSrc) => /^pages[\\/]/.test(pathInSrc);

/** The newest modification time among the files the build is made from: src/**\/*.ts, the pages' assets and its settings. */
function newestSource(root) {
  let newest = 0;
  const src = join(root, 'src');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') || isAsset(relative(src, path))) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(src);
  for (const file of BUILD_INPUTS) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/**
 * Whether `program` (a path under dist/) must be built first: it is missing, or a source changed after the
 * last build. A build writes every file anew (it empties dist/ first), so main.js's time is the build's.
 */
function needsBuild(root, program) {
  const built = join(root, 'dist', 'main.js');
  if (!existsSync(built) || !existsSync(join(root, 'dist', program))) return true;
  return statSync(built).mtimeMs < newestSource(root);
}

function main() {
  const root = resolve(__dirname, '..');
  const [program, ...args] = process.argv.slice(2);
  if (!program) {
    process.stderr.write('Usage: node bin/run.js <program under dist/, e.g. cli/token.cli.js> [arguments]\n');
    process.exit(2);
  }
  if (needsBuild(root, program)) {
    process.stderr.write('Building the tracker first (a source changed since the last build)…\n');
    // Its output goes to stderr: what the program prints (a token) stays alone on stdout.
    execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js', { paths: [root] }), 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  }
  // Its own process, so that it is the main module, as when started with node directly.
  const run = spawnSync(process.execPath, [join(root, 'dist', program), ...args], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

module.exports = { needsBuild };
if (require.main === module) main();
