// The dimensions of the county roll-up: names, hierarchy (parent level) and drill-down order. Pure.

export const dims = [
  'municipality',
  'sniSection',
  'sniDivision',
  'ssykMajor',
  'ssykUnit',
  'competence',
  'urgency',
  'strategy',
  'round',
] as const;
export type Dim = (typeof dims)[number];

export const measures = ['people', 'women', 'men', 'companies', 'needs'] as const;
export type Measure = (typeof measures)[number];

/** The coarser level a dimension rolls up to inside a table (published as parent groups). */
export const parentDim: Partial<Record<Dim, Dim>> = { sniDivision: 'sniSection', ssykUnit: 'ssykMajor' };

/** Clicking a row value filters on it and shows the next finer level. */
export const drillTo: Partial<Record<Dim, Dim>> = {
  round: 'municipality',
  municipality: 'sniSection',
  sniSection: 'sniDivision',
  sniDivision: 'ssykMajor',
  ssykMajor: 'ssykUnit',
  ssykUnit: 'competence',
  urgency: 'competence',
  strategy: 'competence',
};

/** Free-text competences are grouped under this code. */
export const OTHER_COMPETENCE = '~other';
/** A missing code (e.g. a company without SNI code). */
export const UNKNOWN = '~unknown';

/** Allowed filter values: codes, uuids and the two special codes above. */
export const codePattern = /^[A-Za-z0-9~_-]{1,64}$/;
