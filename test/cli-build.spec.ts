import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { needsBuild } = require('../bin/run.js') as { needsBuild: (root: string, program: string) => boolean };

/** `npm run token` and the other command lines build the product only when a source changed since the last build. */
describe('the command lines’ build', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
  const file = (path: string, seconds: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    at(path, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tracker-build-'));
    file('src/cli/token.cli.ts', 1_000);
    file('src/domain/dates.ts', 1_000);
    file('src/pages/plan/plan.njk', 1_000);
    file('package.json', 1_000);
    file('dist/main.js', 2_000);
    file('dist/cli/token.cli.js', 2_000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs an up-to-date build as it is', () => expect(needsBuild(root, 'cli/token.cli.js')).toBe(false));

  it('builds again once any source, or the settings, changed after the build', () => {
    at('src/domain/dates.ts', 3_000);
    expect(needsBuild(root, 'cli/token.cli.js')).toBe(true);
    at('src/domain/dates.ts', 1_000);
    at('package.json', 3_000);
    expect(needsBuild(root, 'cli/token.cli.js')).toBe(true);
  });

  it('builds again once a page’s template changed, which the build copies as it is', () => {
    at('src/pages/plan/plan.njk', 3_000);
    expect(needsBuild(root, 'cli/token.cli.js')).toBe(true);
  });

  it('builds when there is no build, or it lacks the program', () => {
    expect(needsBuild(root, 'cli/seed.cli.js')).toBe(true);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(needsBuild(root, 'cli/token.cli.js')).toBe(true);
  });
});
