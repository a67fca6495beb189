import { afterEach, describe, expect, it } from 'vitest';
import { commentId, EMAIL_REMOVED, planImport, type ImportContext } from '#lib/import/comment-import.ts';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { DAY, commentFile, loadTree, makeArticle, makeSite, PUBLISHED_MS, removeTempDirs } from './factories.ts';

afterEach(removeTempDirs);

const SHOWN = '2026-11-24T09:00:00.000Z';
const SENT = '2026-11-24T09:02:30.000Z';

/** A submission as a form service exports it; fields override (undefined removes one). */
function submission(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: 'Ann Reader',
    email: 'ann@reader.example',
    comment: 'A fair point about the quays.',
    slug: 'harbour-story',
    article_url: 'https://news.example/world/harbour-story/',
    reply_to: '',
    _gotcha: '',
    shown_at: SHOWN,
    submitted_at: SENT,
    ...fields,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    site: makeSite(),
    articles: new Map([
      ['harbour-story', makeArticle({ slug: 'harbour-story' })],
      ['quiet-story', makeArticle({ slug: 'quiet-story', comments: false })],
      ['old-story', makeArticle({ slug: 'old-story', commentsCloseAfterDays: 0 })],
    ]),
    existing: new Map([['harbour-story', new Set(['approved-1'])]]),
    minSeconds: 5,
    ...overrides,
  };
}

const reasons = (subs: unknown[], ctx = context()) => planImport(subs, ctx).skip.map((s) => `${s.number}: ${s.reason}`);

describe('planImport: what it writes', () => {
  it('writes one comment file per good submission, named by time and digest, under its article', () => {
    const { write, skip } = planImport([submission()], context());
    expect(skip).toEqual([]);
    expect(write).toHaveLength(1);
    const [planned] = write;
    expect(planned!.id).toMatch(/^20261124-090230-[0-9a-f]{6}$/);
    expect(planned!.file).toBe(`comments/harbour-story/${planned!.id}.md`);
    expect(planned!.text).toBe(`---\nauthor: "Ann Reader"\npublishedAt: "2026-11-24T09:02:30Z"\n---\n\nA fair point about the quays.\n`);
  });

  it('never writes the reader’s email, even when they typed it into their name or comment', () => {
    const { write } = planImport(
      [submission({ name: 'Ann (ANN@reader.example)', comment: 'Write to me at ann@reader.example or ANN@READER.EXAMPLE.' })],
      context(),
    );
    expect(write[0]!.text).not.toMatch(/ann@reader\.example/i);
    expect(write[0]!.author).toBe(`Ann (${EMAIL_REMOVED})`);
    expect(write[0]!.text).toContain(`Write to me at ${EMAIL_REMOVED} or ${EMAIL_REMOVED}.`);
  });

  it('keeps a reply’s inReplyTo, to an approved comment or one written earlier in the same import', () => {
    const first = submission({ comment: 'First.' });
    const firstId = planImport([first], context()).write[0]!.id;
    const { write, skip } = planImport(
      [
        submission({ reply_to: 'approved-1' }),
        first,
        submission({ reply_to: firstId, comment: 'Reply to first.', submitted_at: '2026-11-24T09:05:00Z' }),
      ],
      context(),
    );
    expect(skip).toEqual([]);
    expect(write.map((w) => w.inReplyTo)).toEqual(['approved-1', undefined, firstId]);
    expect(write[0]!.text).toContain('inReplyTo: "approved-1"\n');
  });

  it('writes files the loader accepts, hostile text kept as text for the sanitizer', () => {
    const hostile = submission({
      name: '<script>alert(1)</script> "Q" \u001b[31m: #x',
      comment: '---\ntitle: x\n---\n<img src=x onerror=alert(1)>\r\nsecond line',
    });
    const { write } = planImport([submission(), hostile], context());
    expect(write).toHaveLength(2);
    const files = Object.fromEntries(write.map((w) => [w.file.replace('harbour-story', 'first-story'), w.text]));
    const { comments } = loadTree(files);
    expect(comments.map((c) => c.author).sort()).toEqual(['<script>alert(1)</script> "Q" [31m: #x', 'Ann Reader']);
    const parsed = parseMarkdownFile(write[1]!.text);
    if (isFrontmatterFailure(parsed)) throw new Error(parsed.message);
    expect(parsed.body.trim()).toBe('---\ntitle: x\n---\n<img src=x onerror=alert(1)>\nsecond line');
  });

  it('reads field names loosely, nested data, epoch times, and the names the site config gives', () => {
    const site = makeSite({ comments: { fields: { honeypot: 'bot-field', replyTo: 'parent' } } });
    const netlifyLike = {
      created_at: '2026-11-24T09:02:30Z',
      data: { Name: 'Bo', Comment: 'Hi', Slug: 'harbour-story', 'shown-at': SHOWN, 'bot-field': '', parent: 'approved-1' },
    };
    const epoch = submission({ submitted_at: undefined, submittedAt: String(Date.parse(SENT) / 1000) });
    const { write, skip } = planImport([netlifyLike, epoch], context({ site }));
    expect(skip).toEqual([]);
    expect(write.map((w) => [w.author, w.inReplyTo])).toEqual([
      ['Bo', 'approved-1'],
      ['Ann Reader', undefined],
    ]);
  });
});

describe('planImport: what it skips, and why', () => {
  it('skips honeypot hits', () => {
    expect(reasons([submission({ _gotcha: 'http://spam.example' })])).toEqual([
      '1: the honeypot field "_gotcha" was filled in, which only bots do',
    ]);
  });

  it('skips submissions sent sooner after the form was shown than the minimum, or "before" it', () => {
    expect(
      reasons([
        submission({ submitted_at: '2026-11-24T09:00:02Z' }),
        submission({ submitted_at: '2026-11-24T08:00:00Z' }),
        submission({ submitted_at: '2026-11-24T09:00:05Z' }),
      ]),
    ).toEqual([
      '1: was sent 2 s after the form was shown: faster than a person writes (minimum 5 s)',
      '2: was sent 3600 s before the form was shown (a forged timestamp, or a clock far off)',
    ]);
    expect(reasons([submission({ submitted_at: '2026-11-24T09:00:02Z' })], context({ minSeconds: 0 }))).toEqual([]);
  });

  it('skips submissions without a form timestamp or a submitted-at time', () => {
    expect(reasons([submission({ shown_at: undefined }), submission({ submitted_at: 'yesterday' })])).toEqual([
      '1: has no form timestamp ("shown_at"), so it did not come from the reply form',
      '2: has no submitted-at time (submitted_at) that reads as a date',
    ]);
  });

  it('skips a missing name, an email as the name, an empty comment, and text over the limits', () => {
    expect(
      reasons([
        submission({ name: '  ' }),
        submission({ name: 'ann@reader.example' }),
        submission({ name: 'bob@elsewhere.example' }),
        submission({ comment: ' \n ' }),
        submission({ name: 'N'.repeat(101) }),
        submission({ comment: 'c'.repeat(5001) }),
      ]),
    ).toEqual([
      '1: gives no name',
      '2: gives no name',
      '3: gives an email address as the name, which must never be published',
      '4: is an empty comment',
      '5: has a name longer than 100 characters',
      '6: is longer than 5000 characters',
    ]);
  });

  it('skips comments on unknown articles (no paths from the submission), on articles with comments off, and after closing', () => {
    expect(
      reasons([
        submission({ slug: '../../site.config' }),
        submission({ slug: 'quiet-story' }),
        submission({
          slug: 'old-story',
          submitted_at: new Date(PUBLISHED_MS + DAY).toISOString(),
          shown_at: new Date(PUBLISHED_MS).toISOString(),
        }),
      ]),
    ).toEqual([
      '1: is on "../../site.config", which is not an article',
      '2: is on "quiet-story", which has comments off',
      '3: was sent after comments on "old-story" closed (2026-11-24T08:30:00Z)',
    ]);
  });

  it('skips replies to comments that are not approved', () => {
    expect(reasons([submission({ reply_to: 'pending-9' })])).toEqual([
      '1: answers comment "pending-9", which is not approved: import or approve that one first',
    ]);
  });

  it('skips what is already imported, and repeats within one export, so running it twice writes nothing twice', () => {
    const first = planImport([submission()], context()).write[0]!;
    const again = context({ existing: new Map([['harbour-story', new Set(['approved-1', first.id])]]) });
    expect(reasons([submission()], again)).toEqual([`1: is already imported, as ${first.file}`]);
    expect(reasons([submission(), submission()])).toEqual(['2: repeats submission 1']);
  });

  it('names who sent a skipped submission, but never their email', () => {
    const { skip } = planImport([submission({ _gotcha: 'x' }), 'not an object'], context());
    expect(skip).toEqual([
      { number: 1, author: 'Ann Reader', reason: expect.any(String) },
      { number: 2, reason: 'is not a submission (expected an object with name, email, comment, slug, …)' },
    ]);
    expect(JSON.stringify(skip)).not.toContain('reader.example');
  });

  it('says so when the export is not an array', () => {
    expect(planImport({ submissions: [] }, context()).skip).toEqual([{ number: 0, reason: 'the file is not a JSON array of submissions' }]);
  });
});

describe('commentId', () => {
  it('is the UTC time and a digest of the article, name, text and time: stable, and different for different comments', () => {
    const id = commentId('harbour-story', 'Ann', 'Hi', '2026-11-24T09:02:30Z');
    expect(id).toMatch(/^20261124-090230-[0-9a-f]{6}$/);
    expect(commentId('harbour-story', 'Ann', 'Hi', '2026-11-24T09:02:30Z')).toBe(id);
    expect(commentId('harbour-story', 'Ann', 'Hi!', '2026-11-24T09:02:30Z')).not.toBe(id);
  });

  it('is a valid comment file name', () => {
    const { comments } = loadTree({
      [`comments/first-story/${commentId('first-story', 'A', 'B', '2026-11-24T09:02:30Z')}.md`]: commentFile(),
    });
    expect(comments).toHaveLength(1);
  });
});
