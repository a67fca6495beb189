// docs/content.md states every limit the code enforces: the test reads the doc,
// so a number changed in src/lib/content/limits.ts without the doc (or the
// other way round) fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatLimit, LIMITS, type Limit } from '#lib/content/limits.ts';

const DOC = readFileSync(join(import.meta.dirname, '../../docs/content.md'), 'utf8');

/** How docs/content.md names each kind of file in its limits table. */
const KIND: Record<keyof typeof LIMITS, string> = {
  article: 'article',
  section: 'section',
  desk: 'desk',
  comment: 'comment',
  alert: 'alert',
  any: 'any file',
};

const rows = Object.entries(LIMITS).flatMap(([kind, limits]) =>
  Object.entries(limits as Record<string, Limit>).map(([key, limit]) => ({ kind: kind as keyof typeof LIMITS, key, limit })),
);

describe('docs/content.md and the limits table', () => {
  it('has limits to check', () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  for (const { kind, key, limit } of rows) {
    it(`states the ${kind} limit ${key} (${formatLimit(limit)}) with a reason`, () => {
      const row = DOC.split('\n').find((line) => line.startsWith(`| ${KIND[kind]} | ${limit.label} | `));
      expect(row, `no row "| ${KIND[kind]} | ${limit.label} | …" in docs/content.md`).toBeDefined();
      const [, , atMost, why] = row!.split(' | ').map((cell) => cell.trim());
      expect(atMost).toBe(formatLimit(limit));
      expect(why!.replace(/\|$/, '').trim().length).toBeGreaterThan(10);
    });
  }

  it('has no row for a limit the code does not have', () => {
    const table = DOC.split('\n').filter((line) => /^\| (article|section|desk|comment|alert|any file) \| /.test(line));
    expect(table).toHaveLength(rows.length);
  });
});

describe('formatting', () => {
  it('writes counts with thousands separators on every machine', () => {
    expect([0, 999, 1000, 5001, 1234567].map(formatCount)).toEqual(['0', '999', '1,000', '5,001', '1,234,567']);
  });

  it('writes each kind of limit as the doc does', () => {
    expect(formatLimit({ max: 512 * 1024, unit: 'bytes', label: '' })).toBe('512 KB');
    expect(formatLimit({ max: 1000, unit: 'characters', label: '' })).toBe('1,000 characters');
    expect(formatLimit({ max: 20, unit: 'items', label: '' })).toBe('20');
  });

  it('writes sizes in bytes, KB (rounded up, so just over a limit never reads as equal) and MB', () => {
    expect([900, 1024, 524_289, 40 * 1024 * 1024].map(formatBytes)).toEqual(['900 bytes', '1 KB', '513 KB', '40.0 MB']);
  });
});
