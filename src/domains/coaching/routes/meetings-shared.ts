// Shared by the meeting pages and the API: the uploaded file part and the attachment download answer.
import type { FastifyReply } from 'fastify';

/** The uploaded `file` part (attachFieldsToBody), or undefined when none was chosen. */
export function filePart(body: unknown): { fileName: string; data: Buffer } | undefined {
  const v = (body as { file?: unknown } | undefined)?.file;
  const part = Array.isArray(v) ? v[0] : v;
  if (!part || typeof part !== 'object' || (part as { type?: unknown }).type !== 'file') return undefined;
  const p = part as { filename?: unknown; _buf?: unknown };
  const data = Buffer.isBuffer(p._buf) ? p._buf : Buffer.alloc(0);
  const fileName = typeof p.filename === 'string' ? p.filename : '';
  if (fileName === '' && data.length === 0) return undefined;
  return { fileName, data };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a stored attachment: always as a download, never sniffed, never cached by shared caches. */
export function attachmentDownload(
  reply: FastifyReply,
  a: { fileName: string; mediaType: string; content: Buffer },
): FastifyReply {
  return reply
    .header('content-disposition', attachmentDisposition(a.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .type(a.mediaType)
    .send(a.content);
}
