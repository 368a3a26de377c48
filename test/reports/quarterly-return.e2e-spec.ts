import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { bearer, TestApp } from '../support/test-app';
import { sha256, zipEntry } from './support/documents';
import { caughtUp, download, startHalton } from './support/halton';
import { fillIn } from './support/returns';

const Q3 = encodeURIComponent('2025-26 Q3');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const form = (bytes: Uint8Array, name: string, type = XLSX_TYPE, field = 'file') => {
  const data = new FormData();
  data.append(field, new Blob([bytes], { type }), name);
  return data;
};

describe('the quarterly return, both ways', () => {
  let t: TestApp;
  let owner: string;
  let ownerId: string;
  let template: Buffer;
  beforeAll(async () => {
    t = await startHalton();
    // Owners send the 2025-26 Q3 return in January 2026.
    t.setClock('2026-01-15T10:00:00.000Z');
    const token = await t.request('POST', '/api/tokens', { name: 'Sam Owner', role: 'board-member', plans: ['halton'] });
    owner = token.body.token;
    ownerId = token.body.tokenId;
    const res = await download(t, `/api/plans/halton/returns/${Q3}/template.xlsx`, owner);
    expect(res.status).toBe(200);
    template = res.bytes;
  }, 60_000);
  afterAll(() => t.close());

  const upload = (data: FormData, period = Q3, token = owner) => t.request('POST', `/api/plans/halton/returns/${period}`, data, bearer(token));
  const head = async () => Number(await t.store.headPosition());

  it('gives a template with one row per milestone, last quarter’s rating shaded and locked, and a drop-down of ratings', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Return')!;
    expect(sheet.getRow(6).values).toEqual([
      undefined,
      'Milestone',
      'Title',
      'Owner',
      'Last period’s rating',
      'Last period’s commentary',
      'Rating',
      'Commentary',
      'Reason for a correction',
    ]);
    const rows = Array.from({ length: sheet.rowCount - 6 }, (_, i) => sheet.getRow(7 + i)).filter((r) => r.getCell(1).text !== '');
    expect(rows).toHaveLength(51);
    const p11 = rows.find((r) => r.getCell(1).text === 'P1.1')!;
    expect([p11.getCell(3).text, p11.getCell(4).text]).toEqual(['Early Help', '✓ Green']);
    expect(p11.getCell(5).text).toContain('12128');
    expect(p11.getCell(1).protection?.locked).not.toBe(false);
    expect(p11.getCell(6).protection).toMatchObject({ locked: false });
    expect(p11.getCell(6).dataValidation).toMatchObject({ type: 'list', formulae: ['"✓ Green,U Amber,× Red,★ Complete,– Not rated"'] });
    expect((p11.getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFEEEFEF');
    expect(zipEntry(template, 'xl/worksheets/sheet1.xml')).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheet.getCell('B3').text).toBe('2025-26 Q3');
  });

  it('records a filled-in return in one go: the board shows the new ratings, the audit trail one actor and the file’s hash', async () => {
    const words = ['Green', 'amber', 'RED', 'Complete', 'U', '✓'];
    const filled = await fillIn(template, (id, n) => (id === 'P12.2' ? undefined : [words[n % words.length]!, `Q3 update for ${id}: progress reviewed at the October board.`]));
    const before = await head();
    const res = await upload(form(filled, 'halton-return-q3.xlsx'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ period: '2025-26 Q3', recorded: 50, file: { name: 'halton-return-q3.xlsx', sha256: sha256(filled) } });
    expect(res.body.skipped).toEqual([{ row: expect.any(Number), milestoneId: 'P12.2', why: 'no rating given' }]);

    const board = await t.request('GET', `/api/plans/halton/board?asOf=2025-12-31&minPosition=${res.body.position}`);
    const rows = board.body.priorities.flatMap((p: any) => p.milestones);
    const byId = new Map(rows.map((m: any) => [m.milestoneId, m]));
    expect(byId.get('P1.1')).toMatchObject({ period: '2025-26 Q3', commentary: 'Q3 update for P1.1: progress reviewed at the October board.' });
    expect(rows.filter((m: any) => m.period === '2025-26 Q3')).toHaveLength(50);
    expect(new Set(rows.filter((m: any) => m.period === '2025-26 Q3').map((m: any) => m.rag))).toEqual(new Set(['green', 'amber', 'red', 'complete']));
    expect(byId.get('P12.2')).toMatchObject({ period: '2025-26 Q2' });

    const audit = await t.request('GET', `/api/plans/halton/audit?after=${before}`);
    expect(audit.body).toHaveLength(50);
    expect(new Set(audit.body.map((e: any) => e.type))).toEqual(new Set(['MilestoneUpdated']));
    expect(new Set(audit.body.map((e: any) => e.actor.id))).toEqual(new Set([ownerId]));
    expect(new Set(audit.body.map((e: any) => JSON.stringify(e.source)))).toEqual(
      new Set([JSON.stringify({ upload: 'quarterly-return', file: 'halton-return-q3.xlsx', sha256: sha256(filled) })]),
    );

    // The same file again records nothing.
    const again = await upload(form(filled, 'halton-return-q3.xlsx'));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ recorded: 0, updates: [] });
    expect(again.body.skipped.filter((s: any) => s.why === 'already recorded for 2025-26 Q3')).toHaveLength(50);
    expect(await head()).toBe(before + 50);
  });

  it('answers 422 naming both bad rows, and records none of the good ones', async () => {
    const filled = await fillIn(template, (id) =>
      id === 'P3.1' ? ['Purple', 'Not a rating'] : id === 'P4.2' ? ['Amber', ''] : id.startsWith('P5.') ? ['Green', `Q4 ${id}`] : undefined,
    );
    const before = await head();
    const res = await upload(form(filled, 'bad.xlsx'), encodeURIComponent('2025-26 Q4'));
    expect(res.status).toBe(400);
    // The template says which period it is for.
    expect(res.body.detail).toMatch(/for 2025-26 Q3, but it was sent for 2025-26 Q4/);
    const wrong = await upload(form(filled, 'bad.xlsx'));
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.errors.map(({ row, column }: any) => ({ row, column }))).toEqual([
      { row: expect.any(Number), column: 'Rating' },
      { row: expect.any(Number), column: 'Commentary' },
    ]);
    expect(wrong.body.errors[0].message).toMatch(/"Purple" is not a rating/);
    expect(wrong.body.errors[0].row).toBeLessThan(wrong.body.errors[1].row);
    expect(await head()).toBe(before);
  });

  it('takes a CSV with the same columns, symbols and words in any case, and sends a correction back to the row that needs a reason', async () => {
    // P1.1 was rated for 2025-26 Q3 above, so a second rating is a correction; P12.2 was skipped then.
    // Columns the return does not know are left alone, however large (the file is over 2 MB, under the 5 MB limit).
    const csv = (reason: string) =>
      [
        'Milestone,Rating,Commentary,Reason for a correction,Officer notes',
        `P1.1,u,"Attendance dipped in December, as in other years.",${reason},`,
        `p12.2,✓,"Pathway plans audited: 40% good, up from 20%.",,${'n'.repeat(2_200_000)}`,
      ].join('\r\n');
    const before = await head();
    const missingReason = await upload(form(Buffer.from(csv(''), 'utf8'), 'q3.csv', 'text/csv'));
    expect(missingReason.status).toBe(422);
    expect(missingReason.body.errors).toEqual([
      { row: 2, column: 'Reason for a correction', field: 'row 2, Reason for a correction', message: expect.stringMatching(/is a correction and needs a reason/) },
    ]);
    expect(await head()).toBe(before);
    const res = await upload(form(Buffer.from(csv('Board asked for the December figure'), 'utf8'), 'q3.csv', 'text/csv'));
    expect(res.status).toBe(201);
    expect(res.body.updates.map((u: any) => [u.row, u.milestoneId, u.rag])).toEqual([
      [2, 'P1.1', 'amber'],
      [3, 'P12.2', 'green'],
    ]);
    await caughtUp(t);
    const history = await t.request('GET', '/api/plans/halton/milestones/P1.1/history');
    expect(history.body.updates.at(-1)).toMatchObject({ period: '2025-26 Q3', rag: 'amber', reason: 'Board asked for the December figure' });
  });

  it('refuses with 400 what is not a return: another kind of file, wrong columns, macros, a password, an old .xls, more than 5 MB', async () => {
    const before = await head();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const withMacros = Buffer.from(zipSync({ ...unzipSync(template), 'xl/vbaProject.bin': strToU8('macro') }));
    const cfb = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le')]);
    const oldXls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512), Buffer.from('Workbook', 'utf16le')]);
    const docx = (await download(t, '/api/plans/halton/reports/quarterly?period=2025-26%20Q2&format=docx')).bytes;
    const cases: Array<[string, FormData, RegExp]> = [
      ['a picture', form(png, 'photo.png', 'image/png'), /neither an Excel workbook \(.xlsx\) nor a CSV/],
      ['a Word document', form(docx, 'report.docx'), /not an Excel workbook/],
      ['a sheet with other columns', form(Buffer.from('Name,Value\r\nP1.1,3\r\n'), 'other.csv', 'text/csv'), /Milestone, Rating, Commentary are missing/],
      ['a macro-enabled workbook', form(withMacros, 'return.xlsm'), /macro-enabled/],
      ['a password-protected workbook', form(cfb, 'return.xlsx'), /password-protected/],
      ['an old .xls', form(oldXls, 'return.xls'), /old-style Excel \(.xls\)/],
      ['more than 5 MB', form(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'big.csv', 'text/csv'), /larger than 5 MB/],
      ['the file in another field', form(template, 'return.xlsx', XLSX_TYPE, 'upload'), /field named "upload"; send it in a field named "file"/],
    ];
    const answers = [];
    for (const [what, data, message] of cases) {
      const res = await upload(data);
      answers.push({ what, status: res.status, field: res.body?.errors?.[0]?.field, matches: message.test(res.body?.detail ?? '') || res.body?.detail });
    }
    expect(answers).toEqual(cases.map(([what]) => ({ what, status: 400, field: 'file', matches: true })));
    const json = await t.request('POST', `/api/plans/halton/returns/${Q3}`, { file: 'P1.1,Green' }, bearer(owner));
    expect(json.status).toBe(400);
    expect(json.body.detail).toMatch(/multipart\/form-data/);
    expect(await head()).toBe(before);
  });

  it('refuses a period that is not a quarter, and an unknown plan', async () => {
    expect((await download(t, '/api/plans/halton/returns/2025-26/template.xlsx', owner)).status).toBe(400);
    expect((await download(t, `/api/plans/halton/returns/${encodeURIComponent('2025-26-Q4')}/template.xlsx`, owner)).status).toBe(200);
    const res = await t.request('POST', '/api/plans/nowhere/returns/2025-26-Q3', form(template, 'return.xlsx'));
    expect(res.status).toBe(404);
  });
});
