/**
 * A clean install on the Node we run on: every package of package-lock.json accepts this Node in its
 * `engines` (npm ci would print EBADENGINE otherwise). Packages whose newest releases want a newer
 * Node are pinned in package.json `overrides` (README, Quick start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

type Version = [number, number, number];

const parse = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether a version satisfies one npm `engines` range (the forms the lock file holds). */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) => {
    const parts = alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    if (parts.length === 0) return true;
    return parts.every((part) => {
      if (part === '*' || part === 'x') return true;
      const m = /^(>=|<=|>|<|\^|~)?(.*)$/.exec(part)!;
      const [op = '', target] = [m[1], m[2]!];
      const t = parse(target);
      const wildcard = /^\d+(\.(\*|x))?$/.test(target);
      switch (op) {
        case '>=':
          return compare(v, t) >= 0;
        case '>':
          return compare(v, t) > 0;
        case '<':
          return compare(v, t) < 0;
        case '<=':
          return compare(v, t) <= 0;
        case '^':
          return compare(v, t) >= 0 && v[0] === t[0];
        case '~':
          return compare(v, t) >= 0 && v[0] === t[0] && v[1] === t[1];
        default:
          return wildcard ? v[0] === t[0] : compare(v, t) === 0;
      }
    });
  });
}

it('reads engines ranges as npm does', () => {
  expect(satisfies('20.20.2', '>=22.15.0')).toBe(false);
  expect(satisfies('20.20.2', '>=23.5.0 || ^22.13.0 || ^20.17.0')).toBe(true);
  expect(satisfies('20.20.2', '^20.19.0 || ^22.12.0 || >=23')).toBe(true);
  expect(satisfies('20.20.2', '>= 10.x')).toBe(true);
  expect(satisfies('20.20.2', '10.* || >= 12.*')).toBe(true);
  expect(satisfies('20.20.2', '6.* || 8.*')).toBe(false);
});

it('every locked package accepts this Node (no EBADENGINE on npm ci)', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: unknown }> };
  const refusing = Object.entries(lock.packages)
    .filter(([, p]) => typeof p.engines === 'object' && p.engines !== null && typeof (p.engines as { node?: unknown }).node === 'string')
    .filter(([, p]) => !satisfies(process.versions.node, (p.engines as { node: string }).node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version}: ${(p.engines as { node: string }).node}`);
  expect(refusing).toEqual([]);
});
