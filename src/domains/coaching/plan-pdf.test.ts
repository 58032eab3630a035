// The plan PDF is tagged (PDF/UA): parsed with pdf.js, its text (with å, ä, ö in an embedded font), its
// document language and title, and its structure tree (H1, H2, Table with TR, TH and TD, in reading order).
import { describe, expect, it } from 'vitest';
import { type PlanPdfModel, renderPlanPdf } from './plan-pdf.ts';

const model: PlanPdfModel = {
  lang: 'sv-SE',
  title: 'Kompetensförsörjningsplan – Åsa & Örjans Smide AB',
  companyName: 'Åsa & Örjans Smide AB',
  versionLine: 'Version 1 antagen av Karin Kontakt 2026-11-28 10:00.',
  summaryHeading: 'Sammanfattning',
  summary: 'Företaget behöver fler svetsare.',
  goalsHeading: 'Mål',
  goals: ['1. Två certifierade svetsare – antal certifikat'],
  noGoals: 'Inga mål ännu.',
  actionsHeading: 'Åtgärder',
  columns: ['Åtgärd', 'Typ', 'Ansvarig', 'Klar senast', 'Kostnad', 'Timmar', 'Status', 'Behov'],
  rows: [
    [
      'Svetsning – Svetsare',
      'Extern utbildning',
      'Åsa',
      '2027-01-01',
      '12 000 kr',
      '40',
      'Planerad',
      'Svetsning – Svetsare',
    ],
    ['Rekrytera en montör', 'Rekrytera', '–', '–', '–', '–', 'Pågår', '–'],
  ],
  noActions: 'Inga åtgärder ännu.',
  pageLabel: 'Sida {page} av {pages}',
};

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode, out: string[] = []): string[] {
  if (node.role) out.push(node.role);
  for (const c of node.children ?? []) roles(c, out);
  return out;
}

describe('plan PDF', () => {
  it('is tagged, in Swedish, with an embedded font and a structure tree in reading order', async () => {
    const buf = await renderPlanPdf(model);
    const raw = buf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toContain('pdfuaid:part');
    expect(raw).toContain('/Marked true');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(buf),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    const meta = (await doc.getMetadata()).info as { Language?: string; Title?: string };
    expect(meta.Language).toBe('sv-SE');
    expect(meta.Title).toBe(model.title);
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Kompetensförsörjningsplan');
    expect(text).toContain('Åsa & Örjans Smide AB');
    expect(text).toContain('Svetsning – Svetsare');
    expect(text).toContain('Rekrytera en montör');
    const tree = roles((await page.getStructTree()) as StructNode);
    expect(tree.slice(0, 3)).toEqual(['Root', 'Document', 'H1']);
    const order = ['H1', 'H2', 'Table', 'TR', 'TH', 'TD'].map((r) => tree.indexOf(r));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(tree.filter((r) => r === 'TR')).toHaveLength(3);
    expect(tree.filter((r) => r === 'TH')).toHaveLength(8);
    await doc.destroy();
  });
});
