// A plan as a tagged PDF (PDF/UA): document language and title, an embedded font that has å, ä and ö,
// a structure tree in reading order (H1, H2, P, Table with TR/TH/TD) and page numbers marked as artifacts.
// Pure: takes a view model whose texts are already translated and returns the file.
import { type PdfBlock, renderPdf } from '../../platform/pdf.ts';

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

/** The plan as blocks of the shared tagged-PDF builder (landscape: the actions table is wide). */
export function renderPlanPdf(m: PlanPdfModel): Promise<Buffer> {
  const blocks: PdfBlock[] = [
    { type: 'h1', text: m.title },
    { type: 'p', text: m.versionLine },
    { type: 'space' },
    { type: 'h2', text: m.summaryHeading },
    ...(m.summary || '–').split(/\n{2,}/).map((para) => ({ type: 'p' as const, text: para.trim() })),
    { type: 'space' },
    { type: 'h2', text: m.goalsHeading },
    ...(m.goals.length === 0 ? [m.noGoals] : m.goals).map((g) => ({ type: 'p' as const, text: g })),
    { type: 'space' },
    { type: 'h2', text: m.actionsHeading },
    m.rows.length === 0
      ? { type: 'p', text: m.noActions }
      : { type: 'table', columns: m.columns, rows: m.rows, fontSize: 9 },
  ];
  return renderPdf({
    lang: m.lang,
    title: m.title,
    subject: m.companyName,
    layout: 'landscape',
    blocks,
    pageLabel: m.pageLabel,
  });
}
