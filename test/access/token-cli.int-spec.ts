import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { cli } from '../support/token-cli';

describe('the token command line', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-tokens-'));
    env = { EVENT_STORE_URL: `sqlite:${join(dir, 'tracker.db')}` };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, lists and revokes tokens in the configured store without the server running', async () => {
    const created = await cli(
      ['create', '--name', 'Jane Smith (board chair)', '--role', 'board-member', '--plans', 'halton,knowsley', '--organisation', 'Halton Borough Council'],
      env,
    );
    expect(created.code).toBe(0);
    const token = created.out.find((l) => l.startsWith('trk_'))!;
    const tokenId = token.split('_')[1]!;
    expect(created.out[0]).toBe(`Token ${tokenId} for Jane Smith (board chair) (board-member, plans halton, knowsley):`);

    const admin = await cli(
      ['create', '--name', 'Ops', '--role', 'admin', '--plans', '*', '--expires-at', '2099-01-01T00:00:00Z'],
      env,
    );
    expect(admin.code).toBe(0);

    const listed = await cli(['list'], env);
    expect(listed.out[0]).toBe('tokenId\tstatus\trole\tplans\texpiresAt\tname\torganisation');
    expect(listed.out).toContain(`${tokenId}\tactive\tboard-member\thalton,knowsley\t-\tJane Smith (board chair)\tHalton Borough Council`);
    expect(listed.out.join('\n')).not.toContain(token.split('_').slice(2).join('_'));

    expect((await cli(['revoke', tokenId], env)).out).toEqual([`Token ${tokenId} revoked.`]);
    expect((await cli(['revoke', tokenId], env)).out).toEqual([`Token ${tokenId} was already revoked.`]);
    expect((await cli(['list'], env)).out).toContain(
      `${tokenId}\trevoked\tboard-member\thalton,knowsley\t-\tJane Smith (board chair)\tHalton Borough Council`,
    );

    const store = new SqliteEventStore({ path: join(dir, 'tracker.db') });
    try {
      const events = await store.readStream('access-tokens');
      expect(events.map((e) => e.type)).toEqual(['TokenIssued', 'TokenIssued', 'TokenRevoked']);
      expect(events[0]!.metadata.actor).toMatchObject({
        id: 'token-cli',
        role: 'admin',
        name: expect.stringMatching(/^Token command line \(/),
      });
    } finally {
      await store.close();
    }
  });

  it('explains what is wrong, and exits non-zero', async () => {
    expect(await cli([], env)).toMatchObject({ code: 2, err: [expect.stringContaining('Usage:')] });
    expect(await cli(['create', '--name', 'X'], env)).toMatchObject({
      code: 2,
      err: [expect.stringContaining('create needs --name, --role and --plans')],
    });
    expect(await cli(['create', '--name', 'X', '--role', 'boss', '--plans', 'halton'], env)).toMatchObject({
      code: 1,
      err: [expect.stringContaining('role: "boss" is not a role')],
    });
    expect(await cli(['revoke', '0123456789abcdef'], env)).toMatchObject({
      code: 1,
      err: ['tokenId: There is no token 0123456789abcdef.'],
    });
    expect(await cli(['list'], { EVENT_STORE_URL: 'nonsense' })).toMatchObject({
      code: 1,
      err: [expect.stringContaining('EVENT_STORE_URL must be')],
    });
    expect((await cli(['--help'], env)).code).toBe(0);
  });
});
