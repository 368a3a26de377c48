import ExcelJS from 'exceljs';

/** Fills in the template as an owner would: a rating from the drop-down's words, and commentary. */
export async function fillIn(template: Buffer, rate: (milestoneId: string, row: number) => [string, string] | undefined): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Return')!;
  const header = sheet.getRow(6).values as string[];
  const rating = header.indexOf('Rating');
  const commentary = header.indexOf('Commentary');
  sheet.eachRow((row, n) => {
    const id = String(row.getCell(1).value ?? '');
    if (n <= 6 || !/^P\d+\.\d+$/.test(id)) return;
    const given = rate(id, n);
    if (!given) return;
    row.getCell(rating).value = given[0];
    row.getCell(commentary).value = given[1];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
