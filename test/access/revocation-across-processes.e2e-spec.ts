import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { cli } from '../support/token-cli';

/** The token command line writes the store file while the server runs on it: a second connection, as a second process would be. */
describe('tokens changed by the command line while the server runs', () => {
  let dir: string;
  let env: Record<string, string>;
  let t: TestApp;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-tokens-'));
    env = { EVENT_STORE_URL: `sqlite:${join(dir, 'tracker.db')}` };
    t = await startTestApp(env);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a token it creates works at once, and one it revokes is refused at once', async () => {
    const created = await cli(['create', '--name', 'Sam', '--role', 'board-member', '--plans', 'halton'], env);
    const token = created.out.find((l) => l.startsWith('trk_'))!;
    expect((await t.request('POST', '/api/plans', { planId: 'halton', localAuthority: 'Halton', title: 'Plan' })).status).toBe(
      201,
    );
    const priority = (n: number) =>
      t.request('POST', '/api/plans/halton/priorities', { priorityId: `CYP P${n}`, title: 'x' }, bearer(token));
    expect((await priority(1)).status).toBe(201);

    expect((await cli(['revoke', token.split('_')[1]!], env)).code).toBe(0);
    expect((await priority(2)).status).toBe(401);
  });

  it('a token the server issued can be revoked from the command line, and the server knows', async () => {
    const issued = await t.request('POST', '/api/tokens', { name: 'Alex', role: 'auditor', plans: ['*'] });
    expect((await cli(['list'], env)).out).toContain(`${issued.body.tokenId}\tactive\tauditor\t*\t-\tAlex\t-`);
    expect((await cli(['revoke', issued.body.tokenId], env)).code).toBe(0);
    expect((await t.request('GET', '/api/plans', undefined, bearer(issued.body.token))).status).toBe(401);
    expect((await t.request('GET', '/api/tokens')).body).toContainEqual(
      expect.objectContaining({ tokenId: issued.body.tokenId, status: 'revoked' }),
    );
  });
});
