// The streamed XLSX builder: the file opens in a spreadsheet reader with every sheet, header and value,
// and building a large one leaves the event loop free for other requests.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxBuffer } from './xlsx.ts';

async function read(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('xlsxBuffer', () => {
  it('writes every sheet with its bold, frozen header and the values with their types', async () => {
    async function* later() {
      yield ['async', 2];
    }
    const buf = await xlsxBuffer([
      {
        name: 'needs',
        header: ['company', 'people', 'urgent', 'on'],
        rows: [
          ['Ljungby Plåt AB', 12, true, new Date(Date.UTC(2026, 10, 29))],
          ['Åsa & Öberg', 0, false, null],
        ],
        widths: [30, 8, 8, 12],
      },
      { name: 'codebook', header: ['column', 'meaning'], rows: later() },
    ]);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const wb = await read(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['needs', 'codebook']);
    const needs = wb.getWorksheet('needs');
    expect(needs?.getRow(1).values).toEqual([undefined, 'company', 'people', 'urgent', 'on']);
    expect(needs?.getRow(1).font?.bold).toBe(true);
    expect(needs?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(needs?.getRow(2).values).toEqual([
      undefined,
      'Ljungby Plåt AB',
      12,
      true,
      new Date(Date.UTC(2026, 10, 29)),
    ]);
    expect(needs?.getRow(3).getCell(1).value).toBe('Åsa & Öberg');
    expect(needs?.getColumn(1).width).toBe(30);
    expect(needs?.rowCount).toBe(3);
    expect(wb.getWorksheet('codebook')?.getRow(2).values).toEqual([undefined, 'async', 2]);
  });

  it('lets other work run while a large file is built', async () => {
    const rows = Array.from({ length: 5_000 }, (_, r) => Array.from({ length: 18 }, (_, i) => `${r}:${i}`));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const buf = await xlsxBuffer([{ name: 'big', header: rows[0] ?? [], rows }]);
    clearInterval(timer);
    const wb = await read(buf);
    expect(wb.getWorksheet('big')?.rowCount).toBe(5_001);
    expect(wb.getWorksheet('big')?.getRow(5_001).getCell(18).value).toBe('4999:17');
    // A builder that held the event loop would let the 1 ms timer fire at most once.
    expect(ticks).toBeGreaterThan(10);
  });
});
