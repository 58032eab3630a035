import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine, neutralise } from '../../../platform/csv.ts';
import { columnFor } from './columns.ts';
import { cleanCell, decodeText, parseCsvText, parseUpload, sniffDelimiter } from './parse.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b1d2a8c90000000049454e44ae426082',
  'hex',
);

async function sheet(data: Buffer | string) {
  const result = await parseUpload(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  if (!result.ok) throw new Error(`parse failed: ${result.error.code}`);
  return result.sheet;
}

describe('column headers', () => {
  it('reads Swedish and English headers, loosely', () => {
    expect(columnFor('Organisationsnummer')).toBe('orgNumber');
    expect(columnFor('orgNumber')).toBe('orgNumber');
    expect(columnFor(' ORG.NR ')).toBe('orgNumber');
    expect(columnFor('Anställda kvinnor')).toBe('employeesWomen');
    expect(columnFor('anstallda_kvinnor')).toBe('employeesWomen');
    expect(columnFor('Employees men')).toBe('employeesMen');
    expect(columnFor('Kommunkod')).toBe('municipalityCode');
    expect(columnFor('municipalityCode')).toBe('municipalityCode');
    expect(columnFor('E-post')).toBe('contactEmail');
    expect(columnFor('Omsättning (tkr)')).toBe('turnoverTsek');
    expect(columnFor('CFAR')).toBe('cfar');
    expect(columnFor('Favoritfärg')).toBeNull();
  });
});

describe('decoding and delimiters', () => {
  it('sniffs semicolon, comma and tab, ignoring quoted delimiters', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(sniffDelimiter('"a;x",b,c\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
  });

  it('takes valid UTF-8 as UTF-8 (with or without BOM) and anything else as Windows-1252', () => {
    expect(decodeText(Buffer.from('Namn\nÅsa Öberg', 'utf8'))).toEqual({
      text: 'Namn\nÅsa Öberg',
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from('\ufeffNamn\nÄlmhult', 'utf8'))?.text).toBe('Namn\nÄlmhult');
    const cp1252 = iconv.encode('Namn;Ort\nÅkessons Smide;Växjö', 'win1252');
    expect(decodeText(cp1252)).toEqual({ text: 'Namn;Ort\nÅkessons Smide;Växjö', encoding: 'windows-1252' });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Namn\tOrt\nÖrjan\tÄlmhult', 'utf16le'),
    ]);
    expect(decodeText(utf16)?.text).toBe('Namn\tOrt\nÖrjan\tÄlmhult');
  });

  it('refuses binary files whatever their name', async () => {
    expect(await parseUpload(PNG)).toEqual({ ok: false, error: { code: 'notTabular' } });
    expect(await parseUpload(Buffer.alloc(0))).toEqual({ ok: false, error: { code: 'empty' } });
    const junk = Buffer.from(Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 255) + 1));
    expect(await parseUpload(junk)).toEqual({ ok: false, error: { code: 'notTabular' } });
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex');
    expect(await parseUpload(xls)).toEqual({ ok: false, error: { code: 'legacyXls' } });
    const brokenZip = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]);
    expect(await parseUpload(brokenZip)).toEqual({ ok: false, error: { code: 'badXlsx' } });
  });

  it('asks for headers when no row names the organisationsnummer, and for rows when there are none', async () => {
    expect(await parseUpload(Buffer.from('hello;world\n1;2\n'))).toEqual({
      ok: false,
      error: { code: 'noHeader' },
    });
    expect(await parseUpload(Buffer.from('Organisationsnummer;Namn\n\n'))).toEqual({
      ok: false,
      error: { code: 'noRows' },
    });
    expect(await parseUpload(Buffer.from('   \n\n'))).toEqual({ ok: false, error: { code: 'empty' } });
  });
});

describe('rows and line numbers', () => {
  it('numbers rows as the spreadsheet does: header is row 1, blank and multi-line rows count once', async () => {
    const s = await sheet(
      'Organisationsnummer;Namn;Gatuadress;Okänd\n556677-8899;A AB;"Gata 1\nPort B";x\n\n5566778899;B AB;;\n',
    );
    expect(s.delimiter).toBe(';');
    expect(s.ignoredHeaders).toEqual(['Okänd']);
    expect(s.records).toEqual([
      { line: 2, values: { orgNumber: '556677-8899', name: 'A AB', street: 'Gata 1\nPort B' } },
      { line: 4, values: { orgNumber: '5566778899', name: 'B AB' } },
    ]);
  });

  it("honours Excel's sep= line and finds a header below a title row", async () => {
    const s = await sheet(
      'sep=,\nFöretag i Ljungby,,\nOrganisationsnummer,Namn,Kommunkod\n556677-8899,A AB,781\n',
    );
    expect(s.delimiter).toBe(',');
    expect(s.records).toEqual([
      { line: 3, values: { orgNumber: '556677-8899', name: 'A AB', municipalityCode: '0781' } },
    ]);
  });

  it('undoes formula guards, ="…" text cells, thousands separators and lost leading zeros', () => {
    expect(cleanCell('name', "'=Summa AB")).toBe('=Summa AB');
    expect(cleanCell('contactPhone', "'+46 70 123")).toBe('+46 70 123');
    expect(cleanCell('municipalityCode', '="0781"')).toBe('0781');
    expect(cleanCell('turnoverTsek', '12 500')).toBe('12500');
    expect(cleanCell('employeesMen', '1\u00a0200')).toBe('1200');
    expect(cleanCell('orgNumber', '512345678')).toBe('0512345678');
    expect(cleanCell('cfar', '1234567')).toBe('01234567');
  });

  it('reads the first worksheet of an XLSX file with its row numbers and cell types', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Företag');
    ws.addRow(['orgNumber', 'name', 'municipalityCode', 'employeesWomen']);
    ws.addRow([5566778899, { richText: [{ text: 'Rik ' }, { text: 'Text AB' }] }, 781, 4]);
    ws.addRow([]);
    ws.addRow([
      '556677-8899',
      { formula: '"Formel"&" AB"', result: 'Formel AB' },
      '0780',
      { formula: '2+2', result: 4 },
    ]);
    const s = await sheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(s.format).toBe('xlsx');
    expect(s.records).toEqual([
      {
        line: 2,
        values: {
          orgNumber: '5566778899',
          name: 'Rik Text AB',
          municipalityCode: '0781',
          employeesWomen: '4',
        },
      },
      {
        line: 4,
        values: {
          orgNumber: '556677-8899',
          name: 'Formel AB',
          municipalityCode: '0780',
          employeesWomen: '4',
        },
      },
    ]);
  });

  it('reads CSV text given through the API', () => {
    const r = parseCsvText('\ufefforgNumber,name\n556677-8899,"Citat ""AB"""\n');
    expect(r.ok && r.sheet.records).toEqual([
      { line: 2, values: { orgNumber: '556677-8899', name: 'Citat "AB"' } },
    ]);
  });
});

describe('CSV writing', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise('+46 70')).toBe("'+46 70");
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('Vanligt AB')).toBe('Vanligt AB');
  });

  it('writes semicolon-separated lines ending in CRLF, quoting where needed', () => {
    expect(csvLine(['a', 'b;c', 'd"e', null, 12])).toBe('a;"b;c";"d""e";;12\r\n');
    expect(csvLine(['=1+1'])).toBe("'=1+1\r\n");
  });
});
