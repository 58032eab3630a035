// A plan as a tagged PDF (PDF/UA): document language and title, an embedded font that has å, ä and ö,
// a structure tree in reading order (H1, H2, P, Table with TR/TH/TD) and page numbers marked as artifacts.
// Pure: takes a view model whose texts are already translated and returns the file.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export interface PlanPdfModel {
  /** BCP 47, e.g. sv-SE. */
  lang: string;
  /** The document title (metadata and H1). */
  title: string;
  companyName: string;
  /** Adopted by whom and when, or that it is the working copy. */
  versionLine: string;
  summaryHeading: string;
  summary: string;
  goalsHeading: string;
  goals: string[];
  noGoals: string;
  actionsHeading: string;
  columns: string[];
  rows: string[][];
  noActions: string;
  /** "Sida {page} av {pages}" with both placeholders. */
  pageLabel: string;
}

type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

function paragraph(
  doc: PDFKit.PDFDocument,
  parent: Struct,
  type: string,
  text: string,
  opts: PDFKit.Mixins.TextOptions = {},
) {
  parent.add(
    doc.struct(type, {}, () => {
      doc.text(text, opts);
    }),
  );
}

export function renderPlanPdf(m: PlanPdfModel): Promise<Buffer> {
  const doc = new PDFDocument({
    tagged: true,
    lang: m.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    bufferPages: true,
    size: 'A4',
    layout: 'landscape',
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    info: { Title: m.title, Subject: m.companyName, Creator: 'Kompetensnavet', Producer: 'Kompetensnavet' },
    font: FONT,
  } as unknown as PDFKit.PDFDocumentOptions);
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.font('bold').fontSize(20);
  paragraph(doc, root, 'H1', m.title);
  doc.font('body').fontSize(11).moveDown(0.3);
  paragraph(doc, root, 'P', m.versionLine);
  doc.moveDown();

  doc.font('bold').fontSize(14);
  paragraph(doc, root, 'H2', m.summaryHeading);
  doc.font('body').fontSize(11);
  for (const para of (m.summary || '–').split(/\n{2,}/)) paragraph(doc, root, 'P', para.trim());
  doc.moveDown();

  doc.font('bold').fontSize(14);
  paragraph(doc, root, 'H2', m.goalsHeading);
  doc.font('body').fontSize(11);
  if (m.goals.length === 0) paragraph(doc, root, 'P', m.noGoals);
  for (const g of m.goals) paragraph(doc, root, 'P', g);
  doc.moveDown();

  doc.font('bold').fontSize(14);
  paragraph(doc, root, 'H2', m.actionsHeading);
  doc.font('body').fontSize(9);
  if (m.rows.length === 0) paragraph(doc, root, 'P', m.noActions);
  else {
    const header = m.columns.map((text) => ({
      text,
      type: 'TH' as const,
      scope: 'Column',
      font: { src: 'bold' },
      backgroundColor: '#e8eef4',
    }));
    doc.table({
      structParent: root,
      data: [header, ...m.rows],
      defaultStyle: { border: 0.5, borderColor: '#777777', padding: 4 },
    } as PDFKit.Mixins.TableOptionsWithData);
  }
  root.end();

  // Page numbers: artifacts, outside the structure tree.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('body')
      .fontSize(8)
      .text(
        m.pageLabel.replace('{page}', String(i + 1)).replace('{pages}', String(range.count)),
        doc.page.margins.left,
        doc.page.height - 32,
        { lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
