/** Pure helpers shared by every module: cursors, page sizes, global ids, search escaping, language. */
import { langFromHeader } from '../../context';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { fromGlobalId, keyOf, toGlobalId } from './ids';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';
import { fullTextQuery } from './search';

describe('cursors', () => {
  it('round-trip a key and reject anything else, naming the argument', () => {
    expect(decodeCursor(encodeCursor('svc-0042'))).toBe('svc-0042');
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('abc')).toThrow(/Invalid argument "after": malformed cursor/);
    expect(() => decodeCursor('%%%', 'before')).toThrow(/"before"/);
  });

  it('page size: default, maximum and negatives', () => {
    expect(pageSize(undefined, { max: 500, default: 50 })).toEqual({ first: 50, limit: 51 });
    expect(pageSize(500, { max: 500, default: 50 })).toEqual({ first: 500, limit: 501 });
    expect(() => pageSize(501, { max: 500, default: 50 })).toThrow(/at most 500/);
    expect(() => pageSize(-3, { max: 500, default: 50 })).toThrow(/non-negative/);
  });

  it('toPage cuts the extra row and says there is a next page', async () => {
    const page = toPage(
      ['a', 'b', 'c'],
      { first: 2, limit: 3 },
      null,
      (r) => r,
      async () => 7,
    );
    expect(page.rows).toEqual(['a', 'b']);
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
    expect(decodeCursor(page.cursorOf('b'))).toBe('b');
    expect(await page.totalCount()).toBe(7);
  });
});

describe('global ids', () => {
  it('encode type and key, decode back, and accept bare keys', () => {
    const id = toGlobalId('Service', 'svc-0001');
    expect(fromGlobalId(id)).toEqual({ type: 'Service', key: 'svc-0001' });
    expect(keyOf('Service', id)).toBe('svc-0001');
    expect(keyOf('Service', 'svc-0001')).toBe('svc-0001');
    expect(() => keyOf('Person', id)).toThrow(/is the id of a Service, not of a Person/);
    expect(fromGlobalId(Buffer.from('Planet:x').toString('base64url'))).toBeNull();
  });
});

describe('full-text search', () => {
  it('prefix-matches every word and escapes Lucene operators', () => {
    expect(fullTextQuery('santé mentale')).toBe('santé* AND mentale*');
    expect(fullTextQuery('a) OR (b:*')).toBe('a\\)* AND OR* AND \\(b\\:\\**');
    expect(fullTextQuery('   ')).toBeNull();
    expect(() => fullTextQuery('x'.repeat(201))).toThrow(/at most 200/);
  });
});

describe('language from Accept-Language', () => {
  it.each([
    ['nl-BE,nl;q=0.9,fr;q=0.8', 'NL'],
    ['NL', 'NL'],
    ['fr-BE', 'FR'],
    ['en-GB', 'FR'],
    [undefined, 'FR'],
  ])('%s → %s', (header, lang) => expect(langFromHeader(header)).toBe(lang));
});

describe('base64url', () => {
  // A fixed pseudo-random sequence, so a failure names the same strings on every run.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (chars: string, length: number) => Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
  const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
  const WIDE = 'éèàçñüßœ€Ωд中文😀';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('encodes as Buffer does: ASCII of every length 0–40, and text with accents, CJK and emoji', () => {
    const texts = ['', 'a', 'ab', 'abc', 'Service:svc-0001', 'Person:é', 'k1:Zoë'];
    for (let length = 0; length <= 40; length++) texts.push(pick(ASCII, length), pick(ASCII + WIDE, length));
    for (const text of texts) expect([text, encodeBase64Url(text)]).toEqual([text, Buffer.from(text, 'utf8').toString('base64url')]);
  });

  it('decodes as Buffer does, every length 0–40 (a lone trailing character makes no byte), UTF-8 included', () => {
    const inputs = [Buffer.from('Service:svc-0001').toString('base64url'), Buffer.from('Zoë 😀').toString('base64url'), 'QQ', 'QUI', 'QUJD', 'Q'];
    for (let length = 0; length <= 40; length++) inputs.push(pick(B64URL, length));
    for (const b64 of inputs) expect([b64, decodeBase64Url(b64)]).toEqual([b64, Buffer.from(b64, 'base64url').toString('utf8')]);
  });

  it('encodes and decodes long text as Buffer does (1,020–1,030 characters around the switch to Buffer, then 10^5 and 10^6)', () => {
    for (const length of [1020, 1023, 1024, 1025, 1030, 100_000, 1_000_000]) {
      const text = pick(ASCII, length);
      const b64 = Buffer.from(text, 'utf8').toString('base64url');
      expect(encodeBase64Url(text)).toBe(b64);
      expect(decodeBase64Url(b64)).toBe(text);
      expect(decodeBase64Url(`${b64}+`)).toBeNull();
    }
    // A client's cursor that long is refused as bad input (it overflowed the stack before).
    expect(() => decodeCursor('A'.repeat(1_000_000))).toThrow(/Invalid argument "after": malformed cursor/);
    expect(decodeCursor(encodeCursor('x'.repeat(200_000)))).toBe('x'.repeat(200_000));
  });

  it('refuses characters outside the base64url alphabet', () => {
    for (const bad of ['ab+c', 'ab/c', 'abc=', 'a b', 'svc.0001', 'é']) expect([bad, decodeBase64Url(bad)]).toEqual([bad, null]);
  });
});
