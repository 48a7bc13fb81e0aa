/**
 * base64url (no padding) for ids and cursors, in plain JavaScript for ASCII text, Node's Buffer
 * otherwise. Every request decodes an id argument and most answers encode ids: through Buffer, a
 * bare service key's `keyOf` took 13–15 µs of a service detail's wall time (hot, in a loop: 1 µs),
 * the native call path being cold between requests that wait on Neo4j. Same output as
 * `Buffer.from(text, 'utf8').toString('base64url')` and `Buffer.from(b64, 'base64url').toString('utf8')`
 * (common.test.ts checks both against Buffer).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Character code to its 6 bits; -1 for characters outside the base64url alphabet. */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;
/** Sextet to its character's code. */
const CODE = Array.from(ALPHABET, (c) => c.charCodeAt(0));
/**
 * Longer text goes through Buffer: `String.fromCharCode.apply` takes one argument per character,
 * and past ~100,000 V8's stack overflows (a client may send a cursor that long). Ids and cursors
 * are far shorter.
 */
const LONGEST = 1024;

/** Node's own decoding, for text that is long or not plain ASCII; null outside the alphabet. */
const viaBuffer = (b64: string): string | null => (/^[A-Za-z0-9_-]*$/.test(b64) ? Buffer.from(b64, 'base64url').toString('utf8') : null);

export function encodeBase64Url(text: string): string {
  const length = text.length;
  if (length > LONGEST) return Buffer.from(text, 'utf8').toString('base64url');
  const out = new Array<number>(Math.ceil((length * 4) / 3));
  let o = 0;
  for (let i = 0; i < length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < length ? text.charCodeAt(i + 1) : 0;
    const c = i + 2 < length ? text.charCodeAt(i + 2) : 0;
    if ((a | b | c) > 0x7f) return Buffer.from(text, 'utf8').toString('base64url');
    const n = (a << 16) | (b << 8) | c;
    out[o++] = CODE[n >> 18]!;
    out[o++] = CODE[(n >> 12) & 63]!;
    if (i + 1 < length) out[o++] = CODE[(n >> 6) & 63]!;
    if (i + 2 < length) out[o++] = CODE[n & 63]!;
  }
  return String.fromCharCode.apply(null, out);
}

/**
 * The text `b64` encodes, read as UTF-8; null when `b64` holds a character outside the base64url
 * alphabet. Trailing bits that make no whole byte are dropped, as Buffer does.
 */
export function decodeBase64Url(b64: string): string | null {
  if (b64.length > LONGEST) return viaBuffer(b64);
  const out = new Array<number>((b64.length * 3) >> 2);
  let o = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < b64.length; i++) {
    const code = b64.charCodeAt(i);
    const sextet = code < 128 ? SEXTET[code]! : -1;
    if (sextet < 0) return null;
    bits = ((bits << 6) | sextet) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      const byte = (bits >> count) & 0xff;
      // A multi-byte UTF-8 sequence: Node's decoder handles it (and malformed ones) as it always has.
      if (byte > 0x7f) return viaBuffer(b64);
      out[o++] = byte;
    }
  }
  return String.fromCharCode.apply(null, out);
}
