import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, runBuild, type BuildResult } from './build-site.ts';

let result: BuildResult;
let previous: string;

beforeAll(() => {
  // A dist/ from an earlier good build, which a failed build must not touch.
  previous = join(mkdtempSync(join(tmpdir(), 'dateline-prev-')), 'dist');
  mkdirSync(previous);
  writeFileSync(join(previous, 'index.html'), 'yesterday’s site');
  result = runBuild(fixtureCopy('bad'), '2026-06-01T12:00:00+00:00', previous);
});

describe('a content folder with one of each mistake', () => {
  it('fails the build', () => {
    expect(result.status).not.toBe(0);
  });

  it('names every bad file, field and fix in one run', () => {
    const expected: [string, RegExp][] = [
      ['missing-title.md', /missing-title\.md:5 title: is required but missing: add a line "title: …"/],
      [
        'unknown-section.md',
        /unknown-section\.md:3 section: "wrld" is not a section: did you mean "world"\? Use one of world, or add content\/sections\/wrld\.md/,
      ],
      [
        'unknown-desk.md',
        /unknown-desk\.md:4 desk: "sports-desk" is not a desk\. Use one of news-desk, or add content\/desks\/sports-desk\.md/,
      ],
      ['duplicate.md', /2026\/duplicate\.md:1 slug "duplicate" is used by two articles \(.*2025\/duplicate\.md too\)/],
      ['bad-date.md', /bad-date\.md:5 publishedAt: must be a date and time with a UTC offset, like 2026-11-24T08:30:00\+00:00/],
      ['update-before-publish.md', /update-before-publish\.md:6 updatedAt: \(2026-05-01T07:00:00\+00:00\) is before publishedAt/],
      ['image-without-alt.md', /image-without-alt\.md:6 image\.alt: is required when an image is given: describe the picture/],
      ['broken-yaml.md', /broken-yaml\.md:\d+ frontmatter is not valid YAML \(.+\)\. Check indentation/],
      ['empty-body.md', /empty-body\.md:\d+ the body is empty: write the story below the closing "---"/],
      [
        'Bad_Name.md',
        /Bad_Name\.md:1 file name "Bad_Name\.md" is not a valid slug: use lower-case letters, digits and hyphens only, e\.g\. "bad-name\.md"/,
      ],
    ];
    for (const [file, pattern] of expected) expect(result.output, file).toMatch(pattern);
    expect(result.output).toMatch(/Dateline found \d+ problems in 11 files; nothing was built\./);
  });

  it('gives the line of the broken YAML', () => {
    // "tags: [one, two" opens on line 4; the parser notices on the next line.
    expect(result.output).toMatch(/broken-yaml\.md:[45] /);
  });

  it('leaves the previous dist/ exactly as it was, with no staging folder behind', () => {
    expect(readdirSync(previous)).toEqual(['index.html']);
    expect(readFileSync(join(previous, 'index.html'), 'utf8')).toBe('yesterday’s site');
    expect(readdirSync(dirname(previous))).toEqual(['dist']);
  });

  it('does not create an output folder when there was none', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'dateline-none-')), 'dist');
    const again = runBuild(fixtureCopy('bad'), '2026-06-01T12:00:00+00:00', fresh);
    expect(again.status).not.toBe(0);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('a story over a limit', () => {
  it('stops the build before anything is written, naming the file, the line and the limit, and leaves dist/ as it was', () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'dateline-prev-')), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), 'yesterday’s site');
    const huge = `---\ntitle: "A pasted data dump"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\n---\n\n${'1,2,3,4\n'.repeat(80_000)}`;
    const latin1 = Buffer.from(
      '---\ntitle: "Harbour café reopens"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\n---\n\nBody.\n',
      'latin1',
    );
    const content = fixtureCopy('basic', { 'articles/2026/data-dump.md': huge });
    writeFileSync(join(content, 'articles/2026/cafe.md'), latin1);
    const run = runBuild(content, '2026-06-01T12:00:00+00:00', dist);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(
      /data-dump\.md:7 the body is 626 KB of Markdown; the most a story may have is 512 KB \(about 80,000 words\): split it into parts/,
    );
    expect(run.output).toMatch(/cafe\.md:2 is not saved as UTF-8: .* save it as UTF-8/);
    expect(run.output).toMatch(/Dateline found 2 problems in 2 files; nothing was built\./);
    expect(readdirSync(dist)).toEqual(['index.html']);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('yesterday’s site');
    expect(readdirSync(dirname(dist))).toEqual(['dist']);
  });
});
