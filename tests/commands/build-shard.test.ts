// npm run build's arguments for one build across machines (src/lib/build/shard.ts):
// a bad --shard is refused before anything is read or written, naming the flag
// and the fix; a page's part depends on its URL alone, so it stays put as the archive grows.
import { describe, expect, it } from 'vitest';
import { inPart, parseBuildArgs } from '#lib/build/shard.ts';
import { runScript } from './run-script.ts';

describe('npm run build -- --shard i/n', () => {
  it('refuses bad values, naming --shard and the fix, and writes nothing', () => {
    const fix = 'give the part as --shard i/n, 1 ≤ i ≤ n (e.g. --shard 1/4 builds the first of four parts)';
    const result = runScript('build', ['--shard', '4/3'], { env: { DATELINE_OUT_DIR: '/nonexistent/never-written' } });
    expect(result.status).toBe(1);
    expect(result.output).toContain(`--shard 4/3 is out of range: ${fix}`);
    expect(runScript('build', ['--shard']).output).toContain(`--shard has no value: ${fix}`);
    // The same reading, without starting a process for each.
    for (const value of ['0/3', '1/0', '5/4'])
      expect(() => parseBuildArgs(['--shard', value])).toThrow(`--shard ${value} is out of range: ${fix}`);
    for (const value of ['x', '2', '1/3/4', '1.5/3', '-1/3'])
      expect(() => parseBuildArgs([`--shard=${value}`])).toThrow(`--shard "${value}" is not i/n: ${fix}`);
    expect(() => parseBuildArgs(['--shard', '1/2', '--assemble', 'a'])).toThrow('--shard and --assemble do not go together');
    expect(() => parseBuildArgs(['--assemble'])).toThrow('--assemble needs the parts’ output folders');
    expect(() => parseBuildArgs(['--shard', '1/2', '--shard', '2/2'])).toThrow('--shard is given twice');
    expect(() => parseBuildArgs(['--shards', '2'])).toThrow('unknown argument "--shards"');
  });

  it('reads both spellings, and puts every page in exactly one part, the same whatever else the archive holds', () => {
    expect(parseBuildArgs(['--shard=2/4'])).toEqual({ kind: 'part', shard: { index: 2, count: 4 } });
    expect(parseBuildArgs(['--shard', '1/1'])).toEqual({ kind: 'part', shard: { index: 1, count: 1 } });
    expect(parseBuildArgs(['--assemble', 'a', 'b'])).toEqual({ kind: 'assemble', parts: ['a', 'b'] });
    expect(parseBuildArgs([])).toEqual({ kind: 'whole' });
    const urls = Array.from({ length: 400 }, (_, i) => `/world/story-${i}/`);
    const counts = [1, 2, 3, 4].map((index) => urls.filter((url) => inPart(url, { index, count: 4 })).length);
    for (const url of urls) expect([1, 2, 3, 4].filter((index) => inPart(url, { index, count: 4 }))).toHaveLength(1);
    // Roughly even: no part holds more than twice its share.
    expect(Math.max(...counts)).toBeLessThan(200);
    expect(counts.reduce((a, b) => a + b)).toBe(400);
    // Stable: fixed answers for fixed names (a change of hash would move every page and break every part's incremental build).
    const partOf = (key: string, count: number): number | undefined =>
      Array.from({ length: count }, (_, i) => i + 1).find((index) => inPart(key, { index, count }));
    expect([partOf('/world/harbour-accord-signed/', 3), partOf('/', 3), partOf('0-open', 3)]).toEqual([2, 2, 3]);
    expect([partOf('/world/harbour-accord-signed/', 4), partOf('/', 4), partOf('0-open', 4)]).toEqual([1, 3, 1]);
  });
});
