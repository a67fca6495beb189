import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runScript, type ScriptResult } from './run-script.ts';

/** A copy of tests/fixtures/<name> inside a fresh folder, as `content/`. */
function contentCopy(name: string, extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'dateline-check-'));
  cpSync(join(ROOT, 'tests/fixtures', name), join(root, 'content'), { recursive: true });
  for (const [path, text] of Object.entries(extra)) writeFileSync(join(root, 'content', path), text);
  return root;
}

describe('npm run check:content on a folder with one of each mistake', () => {
  let result: ScriptResult;
  beforeAll(() => {
    const root = contentCopy('bad', {
      'articles/2026/typo-field.md': '---\ntitle: "Typo"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\ntagz: [ports]\n---\n\nBody.\n',
      'articles/2026/wrong-year.md': '---\ntitle: "Wrong year"\nsection: world\ndesk: news-desk\npublishedAt: 2025-05-01T07:00:00+00:00\n---\n\nBody.\n',
      'articles/2026/no-frontmatter.md': 'Just a story.\n',
    });
    // Run where a writer would: in the folder that holds content/.
    result = runScript('check-content', [], { cwd: root });
  });

  it('exits non-zero', () => {
    expect(result.status).toBe(1);
  });

  it('prints every problem as file:line field: message, sorted by file, and nothing else', () => {
    expect(result.stdout.split('\n')).toEqual([
      'Dateline found 14 problems in 14 files.',
      '  content/articles/2025/duplicate.md:1 slug "duplicate" is used by two articles (content/articles/2026/duplicate.md too); URLs must be unique, so rename one file',
      '  content/articles/2026/Bad_Name.md:1 file name "Bad_Name.md" is not a valid slug: use lower-case letters, digits and hyphens only, e.g. "bad-name.md"',
      '  content/articles/2026/bad-date.md:5 publishedAt: must be a date and time with a UTC offset, like 2026-11-24T08:30:00+00:00 (the offset, +00:00 or Z, is required)',
      '  content/articles/2026/broken-yaml.md:5 frontmatter is not valid YAML (missed comma between flow collection entries). Check indentation and put text containing ":" or "#" in double quotes',
      '  content/articles/2026/duplicate.md:1 slug "duplicate" is used by two articles (content/articles/2025/duplicate.md too); URLs must be unique, so rename one file',
      '  content/articles/2026/empty-body.md:7 the body is empty: write the story below the closing "---"',
      '  content/articles/2026/image-without-alt.md:6 image.alt: is required when an image is given: describe the picture for readers who cannot see it',
      '  content/articles/2026/missing-title.md:5 title: is required but missing: add a line "title: …"',
      '  content/articles/2026/no-frontmatter.md:1 has no frontmatter: start the file with a line "---", the fields, then another "---"',
      '  content/articles/2026/typo-field.md:6 tagz: is not a field here: did you mean "tags"? Fix the name or remove the line (see docs/content.md for the fields)',
      '  content/articles/2026/unknown-desk.md:4 desk: "sports-desk" is not a desk. Use one of news-desk, or add content/desks/sports-desk.md',
      '  content/articles/2026/unknown-section.md:3 section: "wrld" is not a section: did you mean "world"? Use one of world, or add content/sections/wrld.md',
      '  content/articles/2026/update-before-publish.md:6 updatedAt: (2026-05-01T07:00:00+00:00) is before publishedAt (2026-05-02T07:00:00+00:00): an update cannot come before first publication',
      '  content/articles/2026/wrong-year.md:5 publishedAt: is in 2025 but the file is in the 2026/ folder: move it to content/articles/2025/',
      '',
    ]);
  });
});

describe('npm run check:content on good content', () => {
  it('exits 0 and says how much it checked', () => {
    const result = runScript('check-content', [join(contentCopy('basic'), 'content')]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^\[check\] 7 articles, 3 sections, 2 desks, \d+ comments: no problems \(\d+ ms\)\n$/);
  });

  it('exits non-zero when the folder does not exist', () => {
    const result = runScript('check-content', ['/nonexistent/content']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('/nonexistent/content is not a folder');
  });
});
