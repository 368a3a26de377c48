import { TestApp } from '../support/test-app';
import { verifyLog } from '../../src/integrity/verify/verify-log';
import { docxTableRows, sha256, sheetRows, zipEntry } from './support/documents';
import { caughtUp, correctP22, download, reportPath, startHalton } from './support/halton';

const PACK_FORMATS = ['docx', 'xlsx', 'csv', 'html'];

/** A pack the board was sent is a recorded fact; what it showed can be made again, and later changes are flagged. */
describe('board packs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startHalton();
  }, 60_000);
  afterAll(() => t.close());

  it('records a pack as issued, lists it with the plan, and downloads each file again byte for byte after later changes', async () => {
    t.setClock('2025-10-22T14:00:00.000Z');
    const issued = await t.request('POST', '/api/plans/halton/board-packs', { period: '2025-26 Q2', asOf: '2025-09-30' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      packId: '2025-26-Q2-1',
      period: '2025-26 Q2',
      asOf: '2025-09-30',
      knownAt: '2025-10-20T09:00:00.000Z',
      sha256: { docx: expect.stringMatching(/^[0-9a-f]{64}$/), xlsx: expect.any(String), csv: expect.any(String), html: expect.any(String) },
    });
    const { lastPosition } = issued.body;
    expect(lastPosition).toBe(issued.body.position - 1);

    // Weeks later the P2.2 rating for Q2 is corrected.
    await correctP22(t);

    const list = await t.request('GET', '/api/plans/halton/board-packs');
    expect(list.status).toBe(200);
    expect(list.body.packs).toEqual([
      expect.objectContaining({
        packId: '2025-26-Q2-1',
        issuedAt: '2025-10-22T14:00:00.000Z',
        actor: expect.objectContaining({ id: 'bootstrap-admin' }),
        lastPosition,
        sha256: issued.body.sha256,
      }),
    ]);
    for (const format of PACK_FORMATS) {
      const file = await download(t, list.body.packs[0].downloads[format]);
      expect({ format, status: file.status, sha256: sha256(file.bytes) }).toEqual({ format, status: 200, sha256: issued.body.sha256[format] });
    }
    // The report of now is not the pack: it has the correction, and says the board saw something else.
    const now = await download(t, reportPath({ asOf: '2025-09-30', format: 'csv' }));
    expect(sha256(now.bytes)).not.toBe(issued.body.sha256.csv);
    const p22 = now.bytes.toString('utf8').split('\r\n').find((line) => line.includes(',P2.2,'))!;
    expect(p22).toContain(',×,Red,');
    expect(p22).toMatch(/Changed after the board saw it \(pack 2025-26-Q2-1, issued 22 October 2025\)/);
  });

  it('names on every file’s first lines the head of the log it reflects, as BoardPackIssued records it, and the log vouches for it', async () => {
    const [pack] = (await t.request('GET', '/api/plans/halton/board-packs')).body.packs;
    const { lastPosition, lastHash } = pack;
    expect(lastHash).toMatch(/^[0-9a-f]{64}$/);
    const [issued] = await t.store.readStream('boardpack-halton/2025-26%20Q2');
    expect(issued!.data).toMatchObject({ packId: pack.packId, lastPosition, lastHash });
    // The head is the log's own: verifying the log with it as an anchor holds.
    expect(await t.store.chainAt(BigInt(lastPosition))).toEqual({ position: BigInt(lastPosition), hash: lastHash });
    expect(await verifyLog(t.store, [{ position: BigInt(lastPosition), hash: lastHash }])).toMatchObject({ ok: true });

    const files = Object.fromEntries(await Promise.all(PACK_FORMATS.map(async (f) => [f, await download(t, pack.downloads[f])] as const)));
    for (const format of PACK_FORMATS) {
      const { headers } = files[format]!;
      expect({ format, position: headers.get('x-last-position'), hash: headers.get('x-last-hash') }).toEqual({ format, position: String(lastPosition), hash: lastHash });
    }
    const named = `position ${lastPosition}, chain link ${lastHash}`;
    // DOCX: the cover's table of the moment shown, and every page's footer.
    expect(docxTableRows(files.docx!.bytes)[2]).toEqual(['Head of the log it reflects', `Position ${lastPosition}; chain link (SHA-256) ${lastHash}`]);
    expect(zipEntry(files.docx!.bytes, 'word/footer1.xml') + zipEntry(files.docx!.bytes, 'word/footer2.xml')).toContain(named);
    // HTML: the cover, before the first section.
    const html = files.html!.bytes.toString('utf8');
    expect(html.indexOf(`Position ${lastPosition}; chain link (SHA-256) ${lastHash}`)).toBeGreaterThan(0);
    expect(html.indexOf(lastHash)).toBeLessThan(html.indexOf('<h2'));
    // XLSX: the second line of each sheet.
    for (const sheet of ['Board', 'Indicators']) expect((await sheetRows(files.xlsx!.bytes, sheet))[1]![0]).toContain(named);
    // CSV: each row's last two columns.
    const [header, first] = files.csv!.bytes.toString('utf8').split('\r\n');
    expect(header!.endsWith(',Last log position,Chain link at that position')).toBe(true);
    expect(first!.endsWith(`,${lastPosition},${lastHash}`)).toBe(true);
  });

  it('flags the corrected rating on the board’s milestone row, and only that one', async () => {
    const board = await t.request('GET', '/api/plans/halton/board?asOf=2025-09-30');
    const rows = board.body.priorities.flatMap((p: any) => p.milestones);
    const flagged = rows.filter((m: any) => m.changedAfterPack !== null);
    expect(flagged.map((m: any) => [m.milestoneId, m.rag, m.changedAfterPack])).toEqual([
      ['P2.2', 'red', { packId: '2025-26-Q2-1', issuedAt: '2025-10-22T14:00:00.000Z' }],
    ]);
    // As known when the pack went out, nothing had changed since.
    const then = await t.request('GET', '/api/plans/halton/board?asOf=2025-09-30&knownAt=2025-10-22T14:00:00Z');
    expect(then.body.priorities.flatMap((p: any) => p.milestones).filter((m: any) => m.changedAfterPack !== null)).toEqual([]);
  });

  it('refuses to issue the very same pack twice, and numbers a new one when the record has changed', async () => {
    const again = await t.request('POST', '/api/plans/halton/board-packs', { period: '2025-26 Q2', asOf: '2025-09-30', knownAt: '2025-10-20T09:00:00Z' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already issued to the board as 2025-26-Q2-1/);
    t.setClock('2025-11-13T09:00:00.000Z');
    const second = await t.request('POST', '/api/plans/halton/board-packs', { period: '2025-26 Q2', asOf: '2025-09-30' });
    expect(second.status).toBe(201);
    expect(second.body.packId).toBe('2025-26-Q2-2');
    await caughtUp(t);
    // The second pack showed the correction: the board has now seen it.
    const board = await t.request('GET', '/api/plans/halton/board?asOf=2025-09-30');
    expect(board.body.priorities.flatMap((p: any) => p.milestones).filter((m: any) => m.changedAfterPack !== null)).toEqual([]);
  });

  it('answers problem+json for a bad request and an unknown pack', async () => {
    const bad = await t.request('POST', '/api/plans/halton/board-packs', { period: 'Q2', asOf: '2025-09-31' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['asOf', 'period']);
    const future = await t.request('POST', '/api/plans/halton/board-packs', { period: '2025-26 Q2', knownAt: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'knownAt', message: expect.stringMatching(/is in the future/) }]);
    const unknownPlan = await t.request('POST', '/api/plans/nowhere/board-packs', { period: '2025-26 Q2' });
    expect(unknownPlan.status).toBe(404);
    const missing = await download(t, '/api/plans/halton/board-packs/2025-26-Q2-9?format=docx');
    expect(missing.status).toBe(404);
    expect(missing.json.errors[0].field).toBe('packId');
  });
});
