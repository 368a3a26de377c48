import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProduct, removeBuild } from '../support/build';

/** The benchmark itself at a tiny size: it runs to the end and reports every figure. */
describe('npm run bench', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bench-test-'))));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeBuild();
  });

  it('writes the JSON figures of a small run', () => {
    const build = buildProduct();
    const json = join(dir, 'bench.json');
    const table = execFileSync(
      process.execPath,
      [join(build, 'bench', 'bench.cli.js'), '--events', '2000', '--queries', '30', '--http-seconds', '1', '--http-warm-up-seconds', '1', '--json', json],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
    const figures = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(figures).sort()).toEqual(
      ['appendPerSec', 'auditByMilestoneP99Ms', 'boardP50Ms', 'boardP99Ms', 'boardPageP99Ms', 'events', 'historyP99Ms', 'portfolioP50Ms', 'trendP99Ms', 'httpCommandsPerSec', 'keyedHttpCommandsPerSec', 'unkeyedBesideKeyedPerSec', 'knownAtP99Ms', 'peakRssMb', 'quarterlyUpdateP50Ms', 'quarterlyUpdateP99Ms', 'rawScanPerSec', 'rebuildPerSec', 'seededStartupMs', 'startupMs', 'verifyPerSec', 'chainUpgradePerSec', 'packMs', 'returnUploadMs', 'documentsPeakRssMb'].sort(),
    );
    expect(figures.events).toBe(2000);
    for (const [name, value] of Object.entries(figures)) {
      expect([name, Number.isFinite(value) && (value as number) > 0]).toEqual([name, true]);
    }
    expect(figures.boardP99Ms).toBeGreaterThanOrEqual(figures.boardP50Ms);
    expect(table).toContain('httpCommandsPerSec');
    expect(table).toMatch(/packMs.*≤ 500 ms/);
    // Keyed writes are judged against the unkeyed turns taken in between them, not the earlier run.
    expect(table).toMatch(/keyedHttpCommandsPerSec.*≥ 0\.9 × unkeyedBesideKeyedPerSec/);
  }, 180_000);
});
