import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { planIdOf } from './history-generator';
import { peakRssMb, percentile, startServer } from './measure';

const WARM_UP = 2;

async function timed(run: () => Promise<boolean>): Promise<{ ms: number; ok: boolean }> {
  const started = process.hrtime.bigint();
  const ok = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, ok };
}

/** The quarterly return template of a plan, filled in for every milestone as an owner would. */
async function filledReturn(baseUrl: string, headers: Record<string, string>, planId: string, period: string, round: number): Promise<Buffer> {
  const res = await fetch(`${baseUrl}/api/plans/${planId}/returns/${encodeURIComponent(period)}/template.xlsx`, { headers });
  if (res.status !== 200) throw new Error(`the return template answered ${res.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Return')!;
  sheet.eachRow((row, n) => {
    if (n <= 6) return;
    // Each round rates differently, so that a plan met again gets a return that changes something.
    row.getCell(6).value = (n + round) % 3 === 0 ? 'U Amber' : '✓ Green';
    row.getCell(7).value = `Benchmark return ${round}, row ${n}: progress reviewed with the service lead.`;
    // The quarter may be rated already: a different rating is then a correction, which needs its reason.
    row.getCell(8).value = 'Reviewed again with the service lead';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The documents' figures, on a server of their own so that the others stay comparable with earlier runs:
 * the DOCX quarterly report of a random plan (`packMs`, the moment resolved as a download without knownAt
 * does), the upload of a whole plan's filled-in return (`returnUploadMs`), each the median of `count`
 * after a warm-up (the first of each loads its libraries), and that server's peak memory.
 */
export async function measureDocuments(
  env: Record<string, string>,
  token: string,
  plans: number,
  reported: string,
  next: string,
  count: number,
): Promise<{ figures: { packMs: number; returnUploadMs: number; documentsPeakRssMb: number }; failures: number }> {
  const server = await startServer(join(__dirname, '..', 'main.js'), env);
  const headers = { authorization: `Bearer ${token}` };
  const packs: number[] = [];
  const uploads: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < WARM_UP + count; i++) {
      const planId = planIdOf((i * 7919) % plans);
      const pack = await timed(async () => {
        const res = await fetch(`${server.baseUrl}/api/plans/${planId}/reports/quarterly?period=${encodeURIComponent(reported)}&format=docx`, { headers });
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200 && failures === 0) process.stderr.write(`the report of ${planId} for ${reported} answered ${res.status}: ${body.toString('utf8', 0, 400)}\n`);
        return res.status === 200;
      });
      const file = await filledReturn(server.baseUrl, headers, planId, next, i);
      const upload = await timed(async () => {
        const form = new FormData();
        form.append('file', new Blob([file]), `${planId}-return.xlsx`);
        const res = await fetch(`${server.baseUrl}/api/plans/${planId}/returns/${encodeURIComponent(next)}`, { method: 'POST', headers, body: form });
        const body = await res.text();
        if (res.status !== 201 && failures === 0) process.stderr.write(`the return of ${planId} for ${next} answered ${res.status}: ${body.slice(0, 400)}\n`);
        return res.status === 201;
      });
      failures += (pack.ok ? 0 : 1) + (upload.ok ? 0 : 1);
      if (i < WARM_UP) continue;
      packs.push(pack.ms);
      uploads.push(upload.ms);
    }
    const median = (times: number[]) => Math.round(percentile([...times].sort((a, b) => a - b), 50) * 100) / 100;
    const documentsPeakRssMb = Math.round(peakRssMb(server.child.pid!) * 100) / 100;
    return { figures: { packMs: median(packs), returnUploadMs: median(uploads), documentsPeakRssMb }, failures };
  } finally {
    await server.stop();
  }
}
