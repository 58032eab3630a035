// Deterministic generators for synthetic (clearly fictitious) demo and benchmark data.
import { luhnCheckDigit } from '../platform/identifiers.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export function weighted<T>(r: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

/**
 * A Luhn-valid organisationsnummer in the series 502xxx-xxxx, which the Swedish Companies Registration
 * Office has not used for limited companies: valid-looking and clearly fictitious.
 */
export function fictitiousOrgNumber(serial: number): string {
  const body = `502${String(serial).padStart(6, '0')}`;
  const ten = body + luhnCheckDigit(body);
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/** Population weights of Kronoberg's municipalities (about 2024), for spreading workplaces. */
export const kronobergWeights: readonly (readonly [string, number])[] = [
  ['0780', 97_000],
  ['0781', 28_700],
  ['0764', 20_300],
  ['0765', 18_000],
  ['0763', 12_300],
  ['0767', 10_200],
  ['0760', 9_700],
  ['0761', 8_900],
];

/** SNI 2007 detail groups typical of the county, weighted to manufacturing (about a quarter of jobs). */
export const sniWeights: readonly (readonly [string, number])[] = [
  ['25620', 10],
  ['25110', 6],
  ['25999', 4],
  ['22290', 6],
  ['22230', 3],
  ['16101', 5],
  ['16239', 5],
  ['31011', 4],
  ['31090', 4],
  ['23130', 3],
  ['28220', 3],
  ['28300', 2],
  ['29320', 3],
  ['27900', 2],
  ['33120', 4],
  ['10710', 2],
  ['43210', 4],
  ['41200', 3],
  ['49410', 3],
  ['46699', 3],
  ['62010', 3],
  ['71121', 3],
  ['70220', 2],
  ['55101', 1],
  ['86230', 1],
];

const namePrefix = [
  'Småländska',
  'Kronobergs',
  'Helge',
  'Åsnen',
  'Lagan',
  'Sjöbo',
  'Björkvik',
  'Ekbacka',
  'Granlunda',
  'Lindås',
  'Norrvik',
  'Östanå',
  'Västerby',
  'Nydala',
  'Rydaholm',
  'Bergkvara',
  'Hovmanstorp',
  'Skogsby',
  'Mörkaby',
  'Dalby',
  'Stensjö',
  'Furuby',
  'Tofta',
  'Aspö',
  'Kvarnby',
];
const nameSuffix: Record<string, readonly string[]> = {
  C: [
    'Mekaniska Verkstad',
    'Plast',
    'Glasbruk',
    'Snickeri',
    'Trä',
    'Industri',
    'Svets',
    'Automation',
    'Möbler',
    'Verktyg',
    'Gjuteri',
    'Precision',
  ],
  F: ['Bygg', 'El', 'Installation', 'Entreprenad'],
  H: ['Åkeri', 'Logistik', 'Transport'],
  G: ['Maskinhandel', 'Industriförsäljning'],
  J: ['Data', 'IT-konsult', 'Systemutveckling'],
  M: ['Konsult', 'Ingenjörer', 'Teknik'],
  other: ['Service', 'Gruppen', 'Partner'],
};
const legal = ['AB', 'AB', 'AB', 'AB', 'Aktiebolag', 'HB'];

export function companyName(r: () => number, sniCode: string): string {
  const division = Number(sniCode.slice(0, 2));
  const section =
    division >= 10 && division <= 33
      ? 'C'
      : division >= 41 && division <= 43
        ? 'F'
        : division >= 49 && division <= 53
          ? 'H'
          : division >= 45 && division <= 47
            ? 'G'
            : division >= 58 && division <= 63
              ? 'J'
              : division >= 69 && division <= 75
                ? 'M'
                : 'other';
  return `${pick(r, namePrefix)} ${pick(r, nameSuffix[section])} ${pick(r, legal)}`;
}

export const firstNamesWomen = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Emma',
  'Kerstin',
  'Ingrid',
  'Linnéa',
  'Fatima',
  'Amira',
  'Johanna',
  'Elin',
  'Malin',
];
export const firstNamesMen = [
  'Lars',
  'Anders',
  'Johan',
  'Erik',
  'Per',
  'Karl',
  'Mikael',
  'Peter',
  'Ahmad',
  'Jonas',
  'Magnus',
  'Oskar',
  'Fredrik',
  'Nils',
  'Ali',
];
export const lastNames = [
  'Johansson',
  'Andersson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Svensson',
  'Gustafsson',
  'Petersson',
  'Lindqvist',
  'Bergström',
  'Holm',
  'Sandberg',
  'Ek',
  'Hassan',
  'Nowak',
];

export function personName(r: () => number): string {
  const first = r() < 0.5 ? pick(r, firstNamesWomen) : pick(r, firstNamesMen);
  return `${first} ${pick(r, lastNames)}`;
}

/** Employees: most SMEs are small; a few reach the 50–249 band. */
export function employeeCount(r: () => number): number {
  return weighted(r, [
    [Math.floor(r() * 9) + 1, 40],
    [Math.floor(r() * 40) + 10, 40],
    [Math.floor(r() * 200) + 50, 18],
    [Math.floor(r() * 200) + 250, 2],
  ]);
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
