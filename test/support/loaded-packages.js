// Preloaded (node --require) into a server under test: names on stderr each package the process loads,
// the first time it does, so a test can tell what a start and each request cost in libraries.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a preloaded CommonJS script
const Module = require('node:module');

const seen = new Set();
const load = Module.prototype.load;
Module.prototype.load = function (filename) {
  const name = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(filename)?.[1]?.replace('\\', '/');
  if (name && !seen.has(name)) {
    seen.add(name);
    process.stderr.write(`package loaded: ${name}\n`);
  }
  return load.call(this, filename);
};
