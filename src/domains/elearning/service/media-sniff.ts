// What an uploaded file really is, from its bytes (never its name): video mp4/webm, audio mp3/ogg/m4a,
// images png/jpeg/webp/gif (no SVG), and WebVTT text tracks (header and at least one cue timing).

export type Sniffed = { contentType: string; family: 'video' | 'audio' | 'image' | 'vtt' };

const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');

/** The ISO-BMFF major brand when the file starts with an `ftyp` box, else null. */
function ftypBrand(b: Buffer): string | null {
  if (b.length < 12 || ascii(b, 4, 8) !== 'ftyp') return null;
  return ascii(b, 8, 12);
}

const CUE_TIMING =
  /^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}[ \t]+-->[ \t]+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:[ \t].*)?$/m;

/** A WebVTT file: valid UTF-8, the `WEBVTT` signature line and at least one cue with its timings. */
export function isWebVtt(b: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (!/^WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(text)) return false;
  return CUE_TIMING.test(text.replace(/\r\n?/g, '\n'));
}

export function sniff(b: Buffer): Sniffed | null {
  if (b.length < 4) return null;
  const brand = ftypBrand(b);
  if (brand !== null)
    return /^M4[AB] /.test(brand)
      ? { contentType: 'audio/mp4', family: 'audio' }
      : { contentType: 'video/mp4', family: 'video' };
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3)
    return { contentType: 'video/webm', family: 'video' };
  if (ascii(b, 0, 4) === 'OggS') return { contentType: 'audio/ogg', family: 'audio' };
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0))
    return { contentType: 'audio/mpeg', family: 'audio' };
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { contentType: 'image/png', family: 'image' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { contentType: 'image/jpeg', family: 'image' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')
    return { contentType: 'image/gif', family: 'image' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    return { contentType: 'image/webp', family: 'image' };
  if (isWebVtt(b)) return { contentType: 'text/vtt; charset=utf-8', family: 'vtt' };
  return null;
}
