import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '#lib/content/load-content.ts';
import { planImport, withLeadImage, wordpressDate, type ImportOptions, type ImportPlan } from '#lib/import/wordpress-import.ts';
import type { WxrComment, WxrExport } from '#lib/import/wxr.ts';
import { parseWxr } from '#lib/import/wxr.ts';
import { removeTempDirs, writeContentTree } from './factories.ts';

afterEach(removeTempDirs);

const wxr = parseWxr(readFileSync(join(import.meta.dirname, '../fixtures/wordpress/export.xml'), 'utf8'));
const fresh: ImportOptions = {
  embedHosts: ['www.youtube-nocookie.com', 'player.vimeo.com'],
  timeZone: 'Europe/Dublin',
  nowMs: Date.parse('2026-12-04T15:00:00Z'),
  exists: () => false,
  existingArticle: () => undefined,
};
const file = (plan: ImportPlan, path: string): string => {
  const found = plan.files.find((f) => f.path === path);
  if (!found) throw new Error(`${path} is not planned; planned: ${plan.files.map((f) => f.path).join(', ')}`);
  return found.text;
};

describe('planImport into an empty site', () => {
  const plan = planImport(wxr, fresh);

  it('plans articles, sections from categories, desks from authors and approved comments', () => {
    expect(plan.files.map((f) => f.path).sort()).toEqual([
      'articles/2019/cafe-owners-welcome-quay.md',
      'articles/2019/council-accounts.md',
      'articles/2019/harbour-ferry-talks.md',
      'articles/2019/harbour-lights-switch-on.md',
      'articles/2019/notes-for-the-budget-piece.md',
      'articles/2030/port-strike-ends.md',
      'comments/harbour-ferry-talks/11.md',
      'comments/harbour-ferry-talks/12.md',
      'comments/harbour-ferry-talks/16.md',
      'desks/ghost.md',
      'desks/jdoe.md',
      'desks/mark-obrien.md',
      'sections/business-finance.md',
      'sections/uncategorized.md',
      'sections/world.md',
    ]);
  });

  it("writes an article's frontmatter from the post: title, excerpt, first category, author, local time with offset, sticky, tags, lead image, old address", () => {
    expect(file(plan, 'articles/2019/harbour-ferry-talks.md').split('\n---\n')[0]).toBe(
      [
        '---',
        'title: Harbour & ferry talks resume – “at last”',
        'dek: The first talks since March – with a plan.',
        'section: world',
        'desk: jdoe',
        'publishedAt: 2019-05-03T11:00:00+01:00',
        'featured: true',
        'tags:',
        '  - Business & Finance',
        '  - Ports',
        '  - Ferries',
        'image:',
        '  src: https://oldnews.example/wp-content/uploads/2019/05/ferry.jpg',
        '  alt: The morning ferry leaving the harbour',
        '  caption: The Saoirse at dawn.',
        'legacyUrl: https://oldnews.example/2019/05/03/harbour-ferry-talks/',
      ].join('\n'),
    );
  });

  it('imports drafts, pending and private posts as drafts, dated in the site time zone when WordPress has no UTC date', () => {
    const text = file(plan, 'articles/2019/notes-for-the-budget-piece.md');
    expect(text).toContain('\npublishedAt: 2019-07-01T15:00:00+01:00\ndraft: true\n');
  });

  it('imports a draft WordPress never dated as a draft, dated by its last edit, and says so', () => {
    const path = 'articles/2019/harbour-lights-switch-on.md';
    expect(file(plan, path)).toContain('\npublishedAt: 2019-09-02T10:30:00+01:00\ndraft: true\n');
    expect(plan.notes).toContainEqual({
      path,
      note: 'WordPress had no date for this draft, so publishedAt is when it was last edited: set the real date when you publish it',
    });
  });

  it('dates an undated draft with no last edit either (exports before WordPress 5.7) at the import time, in the site zone', () => {
    const undated = wxr.items.find((i) => i.id === '35')!;
    const old = planImport({ ...wxr, items: [{ ...undated, modified: '', modifiedGmt: '' }] }, fresh);
    const path = 'articles/2026/harbour-lights-switch-on.md';
    expect(file(old, path)).toContain('\npublishedAt: 2026-12-04T15:00:00+00:00\ndraft: true\n');
    expect(old.notes).toContainEqual({
      path,
      note: 'WordPress had no date for this draft, so publishedAt is the time of the import: set the real date when you publish it',
    });
  });

  it('still skips a published post with no date at all', () => {
    const undated = wxr.items.find((i) => i.id === '35')!;
    const skipped = planImport({ ...wxr, items: [{ ...undated, status: 'publish' }] }, fresh).skipped;
    expect(skipped).toContainEqual({ what: 'post 35 "Harbour lights switch-on"', why: 'its date "0000-00-00 00:00:00" cannot be read' });
  });

  it("embeds the draft's YouTube iframe through the nocookie player", () => {
    expect(file(plan, 'articles/2019/harbour-lights-switch-on.md')).toContain(
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5" title="Embedded content from www.youtube-nocookie.com" width="560" height="315" allowfullscreen></iframe>',
    );
  });

  it("lists each article's pictures on the web: its lead image and those in its body", () => {
    const talks = plan.files.find((f) => f.path === 'articles/2019/harbour-ferry-talks.md')!;
    expect(talks.images).toEqual({
      lead: 'https://oldnews.example/wp-content/uploads/2019/05/ferry.jpg',
      body: [
        'https://oldnews.example/wp-content/uploads/2019/05/ferry-800x450.jpg',
        'https://oldnews.example/wp-content/uploads/2019/05/ferry.jpg',
        'https://oldnews.example/wp-content/uploads/2019/05/pier.jpg',
      ],
    });
    expect(plan.files.find((f) => f.path === 'articles/2019/notes-for-the-budget-piece.md')!.images).toEqual({ body: [] });
  });

  it('points a planned lead image at a photo beside the article, changing nothing else', () => {
    const talks = plan.files.find((f) => f.path === 'articles/2019/harbour-ferry-talks.md')!;
    const local = withLeadImage(talks, './harbour-ferry-talks.jpg');
    expect(local.text).toBe(
      talks.text.replace('  src: https://oldnews.example/wp-content/uploads/2019/05/ferry.jpg\n', '  src: ./harbour-ferry-talks.jpg\n'),
    );
    expect(local.images).toEqual({ body: talks.images!.body });
  });

  it('imports a scheduled post with its future date, so it stays embargoed', () => {
    expect(file(plan, 'articles/2030/port-strike-ends.md')).toContain('\npublishedAt: 2030-01-02T09:00:00+00:00\n');
  });

  it('writes comments with author, date and reply, never an email, address or IP', () => {
    expect(file(plan, 'comments/harbour-ferry-talks/12.md')).toBe(
      '---\nauthor: Jane Doe\npublishedAt: 2019-05-03T13:00:00+01:00\ninReplyTo: "11"\n---\n\nThanks, Sam – _noted_.\n',
    );
    const everything = plan.files.map((f) => f.text).join('\n');
    expect(everything).not.toMatch(/@mail\.example|@oldnews\.example|@spam\.example|192\.0\.2|sam\.example"|author_url/);
  });

  it('makes a reply to a comment that was not imported stand on its own', () => {
    expect(file(plan, 'comments/harbour-ferry-talks/16.md')).not.toContain('inReplyTo');
    expect(plan.notes).toContainEqual({
      path: 'comments/harbour-ferry-talks/16.md',
      note: 'it replied to comment 14, which was not imported, so it stands on its own',
    });
  });

  it('writes desks with the display name only and sections with name and description', () => {
    expect(file(plan, 'desks/mark-obrien.md')).toBe('---\nname: Mark O’Brien\n---\n');
    expect(file(plan, 'sections/world.md')).toBe('---\nname: World\ndescription: News from beyond the harbour.\n---\n');
  });

  it('says what it skipped and why', () => {
    expect(plan.skipped).toEqual([
      { what: 'comment 13 on harbour-ferry-talks', why: 'it is marked as spam, not approved' },
      { what: 'comment 14 on harbour-ferry-talks', why: 'it is waiting for moderation, not approved' },
      { what: 'comment 15 on harbour-ferry-talks', why: "it is a pingback, not a reader's comment" },
      {
        what: 'page "About us" (https://oldnews.example/about/)',
        why: 'pages are not articles; recreate it as a page of the site if it is still needed',
      },
      {
        what: 'post 70 "Deleted story"',
        why: 'its status is "trash" (only published, scheduled, draft, pending and private posts are imported)',
      },
      { what: '1 item of type "nav_menu_item"', why: 'not articles (menus, revisions, blocks and the like)' },
      { what: 'category "Unused"', why: 'no imported post is in it' },
    ]);
  });

  it('produces files the checker accepts as they are', () => {
    const tree = Object.fromEntries(plan.files.filter((f) => !f.path.startsWith('comments/')).map((f) => [f.path, f.text]));
    const content = loadContent(writeContentTree(tree));
    expect(content.articles).toHaveLength(6);
  });
});

describe('planImport into a site that has content', () => {
  const existing = new Map([
    ['port-strike-ends', { path: 'content/articles/2026/port-strike-ends.md' }],
    [
      'council-accounts',
      { path: 'content/articles/2019/council-accounts.md', legacyUrl: 'https://oldnews.example/2019/06/01/council-accounts/' },
    ],
  ]);
  const plan = planImport(wxr, {
    ...fresh,
    exists: (path) => path === 'sections/world.md' || path === 'desks/jdoe.md',
    existingArticle: (slug) => existing.get(slug),
  });

  it('numbers a slug the site already uses for another story', () => {
    expect(plan.files.map((f) => f.path)).toContain('articles/2030/port-strike-ends-2.md');
    expect(plan.notes).toContainEqual({
      path: 'articles/2030/port-strike-ends-2.md',
      note: 'the slug "port-strike-ends" is taken on the new site, so this story is port-strike-ends-2',
    });
  });

  it('skips a post already imported (same old address), and keeps existing sections and desks', () => {
    expect(plan.files.map((f) => f.path)).not.toContain('articles/2019/council-accounts.md');
    expect(plan.files.map((f) => f.path)).not.toContain('sections/world.md');
    expect(plan.files.map((f) => f.path)).not.toContain('desks/jdoe.md');
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { what: 'post 20 "Council publishes port accounts"', why: 'already imported as content/articles/2019/council-accounts.md' },
        { what: 'category "World"', why: 'sections/world.md already exists and was kept' },
        { what: 'author "jdoe"', why: 'desks/jdoe.md already exists and was kept' },
      ]),
    );
  });
});

describe('planImport on comments the comment rules would refuse', () => {
  const comment = (id: string, author: string, content: string): WxrComment => ({
    id,
    author,
    content,
    date: '2019-05-03 12:00:00',
    dateGmt: '2019-05-03 11:00:00',
    approved: '1',
    type: 'comment',
    parent: '0',
  });
  const post = wxr.items[0]!;
  const small: WxrExport = {
    ...wxr,
    items: [
      {
        ...post,
        comments: [
          comment('1', 'reader@mail.example', 'Hi.'),
          comment('2', 'N'.repeat(150), 'Hello.'),
          comment('3', 'Long', 'x'.repeat(5001)),
        ],
      },
    ],
  };
  const plan = planImport(small, fresh);

  it('never writes an email given as a name, and shortens names past 100 characters', () => {
    expect(file(plan, 'comments/harbour-ferry-talks/1.md')).toContain('\nauthor: Anonymous\n');
    expect(file(plan, 'comments/harbour-ferry-talks/2.md')).toContain(`\nauthor: ${'N'.repeat(99)}…\n`);
    expect(plan.files.map((f) => f.text).join('')).not.toContain('reader@mail.example');
  });

  it('skips a comment longer than 5,000 characters, saying so', () => {
    expect(plan.skipped).toContainEqual({
      what: 'comment 3 on harbour-ferry-talks',
      why: 'it is longer than 5,000 characters, the most a comment may have',
    });
  });
});

describe('wordpressDate', () => {
  it('keeps the local time with the offset the old site had', () => {
    expect(wordpressDate('2019-05-03 11:00:00', '2019-05-03 10:00:00', 'UTC')).toBe('2019-05-03T11:00:00+01:00');
    expect(wordpressDate('2019-01-03 05:00:00', '2019-01-03 10:30:00', 'UTC')).toBe('2019-01-03T05:00:00-05:30');
  });

  it('reads a local time in the site zone when there is no UTC time', () => {
    expect(wordpressDate('2019-07-01 15:00:00', '0000-00-00 00:00:00', 'Europe/Dublin')).toBe('2019-07-01T15:00:00+01:00');
    expect(wordpressDate('2019-01-01 15:00:00', '', 'Europe/Dublin')).toBe('2019-01-01T15:00:00+00:00');
  });

  it('falls back to the UTC time, and gives up on no date at all', () => {
    expect(wordpressDate('', '2019-01-01 10:00:00', 'Europe/Dublin')).toBe('2019-01-01T10:00:00+00:00');
    expect(wordpressDate('0000-00-00 00:00:00', '0000-00-00 00:00:00', 'UTC')).toBeUndefined();
  });
});
