import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
      'articles/2026/typo-field.md':
        '---\ntitle: "Typo"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\ntagz: [ports]\n---\n\nBody.\n',
      'articles/2026/wrong-year.md':
        '---\ntitle: "Wrong year"\nsection: world\ndesk: news-desk\npublishedAt: 2025-05-01T07:00:00+00:00\n---\n\nBody.\n',
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
  it('exits 0, says how much it checked, and warns of a link to no page with its file and line', () => {
    const result = runScript('check-content', [join(contentCopy('basic'), 'content')]);
    expect(result.status, result.output).toBe(0);
    // The hostile fixture's <img src="x"> is a relative link to no page: a warning, not an error.
    expect(result.stdout).toMatch(
      /^Dateline has 1 warning \(the build will still run\):\n {2}\S+\/articles\/2026\/hostile-copy\.md:12 the link to "x", that is \/world\/hostile-copy\/x, leads to no page of this site/,
    );
    expect(result.stderr).toMatch(
      /^\[check\] not in a git repository: stories that have just left draft were not checked for an old publishedAt\n\[check\] 7 articles, 3 sections, 2 desks, \d+ comments: no problems \(\d+ ms\)\n$/,
    );
  });

  it('exits non-zero when the folder does not exist', () => {
    const result = runScript('check-content', ['/nonexistent/content']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('/nonexistent/content is not a folder');
  });
});

describe('npm run check:content -- --format github', () => {
  it('prints every problem as a GitHub workflow command, and exits 1', () => {
    const root = contentCopy('bad');
    const text = runScript('check-content', [], { cwd: root });
    const github = runScript('check-content', ['--format', 'github'], { cwd: root });
    expect(github.status).toBe(1);
    const commands = github.stdout.trimEnd().split('\n');
    expect(commands).toHaveLength(text.stdout.trimEnd().split('\n').length - 1);
    for (const command of commands) expect(command).toMatch(/^::error file=content\/[^,]+\.md(,line=\d+)?,title=Dateline content[^:]*::\S/);
    expect(commands).toContain(
      '::error file=content/articles/2026/unknown-section.md,line=3,title=Dateline content%3A section::section: "wrld" is not a section: did you mean "world"? Use one of world, or add content/sections/wrld.md',
    );
    expect(github.stderr).toMatch(/^\[check\] \d+ problems in \d+ files\n$/);
  });

  it('refuses an unknown format', () => {
    const result = runScript('check-content', ['--format', 'xml'], { cwd: contentCopy('basic') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--format must be text or github, not "xml"');
  });
});

describe('npm run check:content on files a writer’s editor got wrong', () => {
  it('names a file saved as Latin-1 and the line, and says to save it as UTF-8', () => {
    const root = contentCopy('basic');
    const latin1 = Buffer.from(
      '---\ntitle: "Harbour café reopens"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\n---\n\nBody.\n',
      'latin1',
    );
    writeFileSync(join(root, 'content/articles/2026/cafe.md'), latin1);
    const result = runScript('check-content', [], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '  content/articles/2026/cafe.md:2 is not saved as UTF-8: byte 0xE9 on this line ("title: "Harbour caf\uFFFD") is not UTF-8',
    );
    expect(result.stdout).toContain('save it as UTF-8');
  });

  it('says the closing "---" is missing, at the opening line', () => {
    const root = contentCopy('basic', {
      'articles/2026/unclosed.md':
        '---\ntitle: "Unclosed"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\n\nThe council voted: yes.\n',
    });
    const result = runScript('check-content', [], { cwd: root });
    expect(result.stdout).toContain('  content/articles/2026/unclosed.md:1 frontmatter is never closed: the "---" on line 1 opens it');
  });
});

describe('npm run check:content on a story that has just left draft', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
    });
  const NOW = { DATELINE_NOW: '2026-05-09T10:00:00+00:00' };

  /** The basic fixture committed to git, then the draft made ready without touching its date. */
  function undrafted(): string {
    const root = contentCopy('basic');
    // Its <img src="x"> is a link to no page, which check:content warns about too: not what these tests are about.
    rmSync(join(root, 'content/articles/2026/hostile-copy.md'));
    rmSync(join(root, 'content/comments/hostile-copy'), { recursive: true });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'content');
    const story =
      '---\ntitle: "Ferry timetable changes"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-01T07:00:00+00:00\n---\n\nBody.\n';
    writeFileSync(join(root, 'content/articles/2026/ferry-timetable.md'), story);
    return root;
  }

  it('warns, naming the line of publishedAt and the time to write, and still exits 0', () => {
    const result = runScript('check-content', [], { cwd: undrafted(), env: NOW });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'Dateline has 1 warning (the build will still run):',
      '  content/articles/2026/ferry-timetable.md:5 publishedAt: is 2026-05-01T07:00:00+00:00, 8 days ago, ' +
        'but the story is not in the last commit yet, so it is probably being published now: it would appear 8 days old, ' +
        'below newer stories. If it goes out now, write publishedAt: 2026-05-09T11:00:00+01:00; if the date is right, ignore this warning',
      '',
    ]);
    expect(result.stderr).toMatch(/no problems/);
  });

  it('gives the warning as a ::warning workflow command with --format github', () => {
    const result = runScript('check-content', ['--format', 'github'], { cwd: undrafted(), env: NOW });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^::warning file=content\/articles\/2026\/ferry-timetable\.md,line=5,title=Dateline content%3A publishedAt::publishedAt: is 2026-05-01T07:00:00\+00:00, 8 days ago, .*\n$/,
    );
  });

  it('says nothing once the story is committed', () => {
    const root = undrafted();
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'publish');
    const result = runScript('check-content', [], { cwd: root, env: NOW });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });
});
