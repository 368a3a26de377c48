import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const summary = resolve(__dirname, '..', '.ci', 'summary.js');

/** CI's last line, as a reader of the run sees it: counts, and each test that did not run, with its reason. */
describe('the CI summary line', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ci-summary-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const results = (assertions: Array<{ status: string; title: string }>, failed = 0) => {
    const file = join(dir, 'results.json');
    writeFileSync(
      file,
      JSON.stringify({
        success: failed === 0,
        numPassedTests: assertions.filter((a) => a.status === 'passed').length,
        numFailedTests: failed,
        numRuntimeErrorTestSuites: 0,
        testResults: [{ assertionResults: assertions.map((a) => ({ ...a, ancestorTitles: ['KurrentDB event store contract'] })) }],
      }),
    );
    return file;
  };

  it('counts a suite that could not run as skipped, and names it with its reason', () => {
    const file = results([
      { status: 'passed', title: 'appends' },
      { status: 'pending', title: 'runs when KurrentDB is reachable — skipped here: no Docker engine answers' },
    ]);
    const lines = execFileSync(process.execPath, [summary, file], { encoding: 'utf8' }).trim().split('\n');
    expect(lines).toEqual([
      'skipped: KurrentDB event store contract › runs when KurrentDB is reachable — skipped here: no Docker engine answers',
      '1 passed, 0 failed, 1 skipped (KurrentDB event store contract › runs when KurrentDB is reachable — skipped here: no Docker engine answers)',
    ]);
  });

  it('ends the run with a failure when a test failed', () => {
    const run = spawnSync(process.execPath, [summary, results([{ status: 'passed', title: 'appends' }], 1)], { encoding: 'utf8' });
    expect([run.status, run.stdout.trim()]).toEqual([1, '1 passed, 1 failed, 0 skipped']);
  });
});
