// Tagged PDF (PDF/UA) documents from a list of blocks: document language and title, an embedded font that
// has å, ä and ö, a structure tree in reading order (H1, H2, P, Table with TR/TH/TD) and page numbers
// marked as artifacts. Pure: the texts are already translated; no business rules.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export type PdfBlock =
  | { type: 'h1' | 'h2' | 'p'; text: string }
  /** Vertical space (in lines). */
  | { type: 'space'; lines?: number }
  | { type: 'table'; columns: string[]; rows: string[][]; fontSize?: number };

export interface PdfDocumentModel {
  /** BCP 47, e.g. sv-SE. */
  lang: string;
  /** The document title (metadata; give the same text as the first h1). */
  title: string;
  subject?: string;
  layout?: 'portrait' | 'landscape';
  blocks: PdfBlock[];
  /** "Sida {page} av {pages}" with both placeholders. */
  pageLabel: string;
}

type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

function paragraph(doc: PDFKit.PDFDocument, parent: Struct, type: string, text: string) {
  parent.add(
    doc.struct(type, {}, () => {
      doc.text(text);
    }),
  );
}

export function renderPdf(m: PdfDocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    tagged: true,
    lang: m.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    bufferPages: true,
    size: 'A4',
    layout: m.layout ?? 'portrait',
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    info: {
      Title: m.title,
      Subject: m.subject ?? m.title,
      Creator: 'Kompetensnavet',
      Producer: 'Kompetensnavet',
    },
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
  for (const b of m.blocks) {
    if (b.type === 'h1') {
      doc.font('bold').fontSize(20);
      paragraph(doc, root, 'H1', b.text);
      doc.moveDown(0.3);
    } else if (b.type === 'h2') {
      doc.moveDown(0.5).font('bold').fontSize(14);
      paragraph(doc, root, 'H2', b.text);
    } else if (b.type === 'p') {
      doc.font('body').fontSize(11);
      paragraph(doc, root, 'P', b.text || '–');
    } else if (b.type === 'space') doc.moveDown(b.lines ?? 1);
    else if (b.type === 'table') {
      doc.font('body').fontSize(b.fontSize ?? 9);
      const header = b.columns.map((text) => ({
        text,
        type: 'TH' as const,
        scope: 'Column',
        font: { src: 'bold' },
        backgroundColor: '#e8eef4',
      }));
      doc.table({
        structParent: root,
        data: [header, ...b.rows],
        defaultStyle: { border: 0.5, borderColor: '#777777', padding: 4 },
      } as PDFKit.Mixins.TableOptionsWithData);
      doc.moveDown(0.5);
    }
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
