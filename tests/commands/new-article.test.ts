import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from './run-script.ts';

// 10:15 in Dublin (summer time), so the file is dated with +01:00.
const NOW = '2026-07-01T09:15:00Z';

/** A writer's folder holding a copy of the basic fixture as content/. */
function newsroom(): string {
  const root = mkdtempSync(join(tmpdir(), 'dateline-new-'));
  cpSync(join(ROOT, 'tests/fixtures/basic'), join(root, 'content'), { recursive: true });
  return root;
}

function runNew(root: string, args: string[], input?: string): ReturnType<typeof runScript> {
  return runScript('new-article', args, { cwd: root, env: { DATELINE_NOW: NOW }, ...(input === undefined ? {} : { input }) });
}

function check(root: string): ReturnType<typeof runScript> {
  return runScript('check-content', [], { cwd: root });
}

describe('npm run new with arguments', () => {
  it('writes a draft in the year folder, dated now in the site time zone, that passes the checker', () => {
    const root = newsroom();
    const result = runNew(root, ['Ferry timetable changes for the winter', '--section', 'world', '--desk', 'news-desk']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toBe('content/articles/2026/ferry-timetable-changes-for-the-winter.md\n');
    const text = readFileSync(join(root, 'content/articles/2026/ferry-timetable-changes-for-the-winter.md'), 'utf8');
    expect(text).toContain('\ntitle: "Ferry timetable changes for the winter"\n');
    expect(text).toContain('\npublishedAt: 2026-07-01T10:15:00+01:00\n');
    expect(text).toContain('\ndraft: true\n');
    const checked = check(root);
    expect(checked.status, checked.output).toBe(0);
  });

  it('refuses a slug already used in any year, suggests a free one, and writes nothing', () => {
    const root = newsroom();
    const before = readFileSync(join(root, 'content/articles/2026/harbour-accord-signed.md'), 'utf8');
    const result = runNew(root, ['Harbour accord signed', '--section', 'world', '--desk', 'news-desk']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'content/articles/2026/harbour-accord-signed.md already has the slug "harbour-accord-signed"; slugs are the stories\' URLs, so each must be unique. Use another, like --slug harbour-accord-signed-2',
    );
    expect(readFileSync(join(root, 'content/articles/2026/harbour-accord-signed.md'), 'utf8')).toBe(before);
    expect(
      runNew(root, ['Harbour accord signed', '--section', 'world', '--desk', 'news-desk', '--slug', 'harbour-accord-signed-2']).status,
    ).toBe(0);
  });

  it('lists the sections and desks there are when given unknown ones', () => {
    const root = newsroom();
    const result = runNew(root, ['A story', '--section', 'wrld', '--desk', 'sport-desk']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      '--section "wrld" is not a section: did you mean "world"? The sections are: business (Business), letters (Letters), world (World News). To add one, create content/sections/wrld.md',
    );
    expect(result.stderr).toContain(
      '--desk "sport-desk" is not a desk. The desks are: markets-desk (Markets Desk), news-desk (HD News Desk).',
    );
    expect(readdirSync(join(root, 'content/articles/2026'))).not.toContain('a-story.md');
  });

  it('says what is missing when an option is left out', () => {
    const result = runNew(newsroom(), ['A story']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--section is missing: use one of business, letters, world');
    expect(result.stderr).toContain('--desk is missing: use one of markets-desk, news-desk');
  });
});

describe('npm run new with no arguments', () => {
  it('asks for headline, section, desk and slug, re-asking after a wrong answer', () => {
    const root = newsroom();
    const result = runNew(root, [], 'Port strike ends\nsport\nbusiness\nmarkets-desk\n\n');
    expect(result.status, result.output).toBe(0);
    // The fixture already has port-strike-ends, so the suggested slug is the next free one.
    expect(result.stderr).toContain('File name (slug) [port-strike-ends-2]: ');
    expect(result.stderr).toContain('"sport" is not a section.');
    expect(result.stdout).toBe('content/articles/2026/port-strike-ends-2.md\n');
    expect(readFileSync(join(root, 'content/articles/2026/port-strike-ends-2.md'), 'utf8')).toContain(
      '\nsection: business\ndesk: markets-desk\n',
    );
    expect(check(root).status).toBe(0);
  });

  it('stops without writing when the answers run out', () => {
    const root = newsroom();
    const result = runNew(root, [], 'Unfinished story\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no answer to "Section:"; nothing was written.');
    expect(existsSync(join(root, 'content/articles/2026/unfinished-story.md'))).toBe(false);
  });

  it('works in a real terminal (a pseudo-terminal from util-linux script)', () => {
    const root = newsroom();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'scripts/new-article.ts'))}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      env: { ...process.env, DATELINE_NOW: NOW },
      input: 'Lighthouse keeper retires\nworld\nnews-desk\n\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('Sections: business (Business), letters (Letters), world (World News)');
    expect(existsSync(join(root, 'content/articles/2026/lighthouse-keeper-retires.md'))).toBe(true);
  });
});
