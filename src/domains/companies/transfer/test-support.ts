// Helpers for the import/export tests: multipart uploads through the test Client, CSV building.
import { randomBytes } from 'node:crypto';
import type { Client } from '../../../../test/app.ts';
import { fictitiousOrgNumber } from '../../../demo/generate.ts';

export interface UploadFile {
  name: string;
  data: Buffer | string;
  type?: string;
}

/** POST multipart/form-data as the client (its cookies, a fresh CSRF token unless told otherwise). */
export async function upload(
  client: Client,
  url: string,
  fields: Record<string, string>,
  file: UploadFile | null,
  opts: { csrf?: string | false } = {},
) {
  const boundary = `----kn${randomBytes(8).toString('hex')}`;
  const all = { ...fields };
  if (opts.csrf !== false) all._csrf = opts.csrf ?? (await client.csrf());
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(all)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await client.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
  for (const c of res.cookies) {
    if (c.value === '') client.cookies.delete(c.name);
    else client.cookies.set(c.name, c.value);
  }
  return res;
}

export const HEADER_SV = [
  'Organisationsnummer',
  'Namn',
  'SNI',
  'Status',
  'Kommunkod',
  'Anställda kvinnor',
  'Anställda män',
  'Gatuadress',
  'Postnummer',
  'Ort',
  'Kontaktperson',
  'E-post',
  'Telefon',
  'Omsättning (tkr)',
];

export interface RowSpec {
  orgNumber?: string;
  name?: string;
  sni?: string;
  status?: string;
  municipality?: string;
  women?: string;
  men?: string;
  contact?: string;
  email?: string;
}

let serial = 700_000;

/** A valid row of HEADER_SV; override what the test is about. */
export function row(spec: RowSpec = {}): string[] {
  serial += 1;
  return [
    spec.orgNumber ?? fictitiousOrgNumber(serial),
    spec.name ?? `Importbolaget ${serial} AB`,
    spec.sni ?? '25620',
    spec.status ?? 'Aktiv',
    spec.municipality ?? '0781',
    spec.women ?? '3',
    spec.men ?? '9',
    'Storgatan 1',
    '341 30',
    'Ljungby',
    spec.contact ?? 'Karin Kontakt',
    spec.email ?? `karin.${serial}@example.test`,
    '070-123 45 67',
    '12 500',
  ];
}

export function csv(rows: string[][], delimiter = ';', header = HEADER_SV): string {
  const cell = (c: string) => (c.includes(delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\r\n');
}

/** Change the last (check) digit: a Luhn error. */
export function badChecksum(orgNumber: string): string {
  const last = Number(orgNumber.at(-1));
  return `${orgNumber.slice(0, -1)}${(last + 1) % 10}`;
}
