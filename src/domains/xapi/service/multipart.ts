// multipart/mixed for statements with attachments (Communication 1.5.2): parsing requests and building the
// GET ?attachments=true answer.
import { createHash, randomBytes } from 'node:crypto';
import { bad } from '../formats.ts';

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary of a multipart content type, or a 400. */
export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  if (!b) throw bad('multipart/mixed needs a boundary parameter');
  return b;
}

/** Split a multipart body into its parts (headers lower-cased). */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) throw bad('the multipart body has no boundary');
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    // Skip the line end after the delimiter.
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else throw bad('malformed multipart delimiter');
    const next = body.indexOf(delim, pos);
    if (next < 0) throw bad('the multipart body is not closed');
    let end = next;
    if (body[end - 1] === 0x0a) end -= body[end - 2] === 0x0d ? 2 : 1;
    const chunk = body.subarray(pos, end);
    let sep = chunk.indexOf('\r\n\r\n');
    let sepLen = 4;
    if (sep < 0) {
      sep = chunk.indexOf('\n\n');
      sepLen = 2;
    }
    const headerText = sep < 0 ? chunk.toString('utf8') : chunk.subarray(0, sep).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: sep < 0 ? Buffer.alloc(0) : chunk.subarray(sep + sepLen) });
    pos = next;
  }
  return parts;
}

export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** The statement JSON and the attachment parts of a multipart/mixed statement request. */
export function statementParts(
  body: Buffer,
  contentType: string,
): { json: string; attachments: AttachmentPart[] } {
  const parts = parseMultipart(body, boundaryOf(contentType));
  const [first, ...rest] = parts;
  if (!first) throw bad('the multipart body has no parts');
  if (!/^application\/json\b/i.test(first.headers['content-type'] ?? ''))
    throw bad('the first part must be application/json');
  const attachments = rest.map((p) => {
    const hash = p.headers['x-experience-api-hash'];
    if (!hash) throw bad('every attachment part needs an X-Experience-API-Hash header');
    if ((p.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary')
      throw bad('every attachment part needs Content-Transfer-Encoding: binary');
    const actual = createHash('sha256').update(p.body).digest('hex');
    if (hash.length === 64 && hash.toLowerCase() !== actual)
      throw bad('an attachment does not match its X-Experience-API-Hash');
    return {
      sha2: hash.toLowerCase(),
      contentType: p.headers['content-type'] ?? 'application/octet-stream',
      content: p.body,
    };
  });
  return { json: first.body.toString('utf8'), attachments };
}

/** A multipart/mixed answer: the JSON first, then each attachment. */
export function buildMultipart(
  json: string,
  attachments: AttachmentPart[],
): { contentType: string; body: Buffer } {
  const boundary = `xapi-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n`),
  ];
  for (const a of attachments)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`,
      ),
      a.content,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
