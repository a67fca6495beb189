import { describe, expect, it } from 'vitest';
import {
  allComments,
  buildThread,
  commentCountHeading,
  commentsCloseMs,
  commentsSection,
  replyForm,
  replyFormState,
  type ThreadNode,
} from '#lib/archive/comments.ts';
import { createMarkdownRenderer } from '#lib/render/markdown.ts';
import { DAY, HOUR, makeArticle, makeComment, makeSite, PUBLISHED_MS } from './factories.ts';

/** A thread as nested ids: "a(b(c),d)". */
function shape(nodes: readonly ThreadNode[]): string {
  return nodes.map((n) => (n.replies.length ? `${n.comment.id}(${shape(n.replies)})` : n.comment.id)).join(',');
}

const at = (hours: number): number => PUBLISHED_MS + hours * HOUR;
const ENDPOINT = 'https://forms.example/f/harbour';
const open = makeSite({ comments: { endpoint: ENDPOINT } });

describe('buildThread', () => {
  it('nests each reply under the comment it answers, oldest first at every level', () => {
    const thread = buildThread([
      makeComment({ id: 'late', publishedMs: at(5) }),
      makeComment({ id: 'reply-2', publishedMs: at(4), inReplyTo: 'first' }),
      makeComment({ id: 'first', publishedMs: at(1) }),
      makeComment({ id: 'reply-1', publishedMs: at(2), inReplyTo: 'first' }),
      makeComment({ id: 'reply-to-reply', publishedMs: at(3), inReplyTo: 'reply-1' }),
    ]);
    expect(shape(thread)).toBe('first(reply-1(reply-to-reply),reply-2),late');
    expect(thread[0]!.replies[0]!.replies[0]!.depth).toBe(3);
  });

  it('orders comments with the same time by id, so builds are deterministic', () => {
    expect(shape(buildThread([makeComment({ id: 'b' }), makeComment({ id: 'a' })]))).toBe('a,b');
  });

  it('nests a reply under a parent that has the same time, whatever their ids', () => {
    expect(shape(buildThread([makeComment({ id: 'a', inReplyTo: 'b' }), makeComment({ id: 'b' })]))).toBe('b(a)');
  });

  it('shows replies deeper than the limit beside their parent, after it', () => {
    const chain = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, i) =>
      makeComment({ id, publishedMs: at(i), ...(i > 0 ? { inReplyTo: `c${i}` } : {}) }),
    );
    const thread = buildThread(chain, 3);
    expect(shape(thread)).toBe('c1(c2(c3,c4,c5,c6))');
    expect(allDepths(thread)).toEqual([1, 2, 3, 3, 3, 3]);
  });

  it('handles a long chain of equal-time replies listed child first', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      makeComment({
        id: `c${String(20_000 - i).padStart(5, '0')}`,
        ...(i > 0 ? { inReplyTo: `c${String(20_001 - i).padStart(5, '0')}` } : {}),
      }),
    );
    expect(allDepths(buildThread(chain))).toHaveLength(20_000);
  });

  it('does not hang on replies that answer each other (the loader rejects them)', () => {
    expect(shape(buildThread([makeComment({ id: 'a', inReplyTo: 'b' }), makeComment({ id: 'b', inReplyTo: 'a' })]))).toMatch(
      /^(a\(b\)|b\(a\))$/,
    );
  });

  it('starts a new thread for a reply whose parent is not in the list', () => {
    expect(shape(buildThread([makeComment({ id: 'orphan', inReplyTo: 'gone' })]))).toBe('orphan');
  });

  it('handles a long chain of replies without recursion limits', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      makeComment({ id: `c${i}`, publishedMs: at(i), ...(i > 0 ? { inReplyTo: `c${i - 1}` } : {}) }),
    );
    const thread = buildThread(chain);
    expect(thread).toHaveLength(1);
    expect(allDepths(thread).filter((d) => d === 4)).toHaveLength(20_000 - 3);
  });
});

function allDepths(nodes: readonly ThreadNode[]): number[] {
  return nodes.flatMap((n) => [n.depth, ...allDepths(n.replies)]);
}

describe('commentCountHeading', () => {
  it.each([
    [1, '1 Comment'],
    [3, '3 Comments'],
    [0, '0 Comments'],
  ])('%i → %s', (n, text) => {
    expect(commentCountHeading(n)).toBe(text);
  });
});

describe('closing comments', () => {
  it('never closes when neither the site nor the article sets a number of days', () => {
    expect(commentsCloseMs(makeArticle(), open)).toBeUndefined();
    expect(replyFormState(makeArticle(), open, PUBLISHED_MS + 5000 * DAY)).toBe('open');
  });

  it('closes the site’s number of days after publication', () => {
    const site = makeSite({ comments: { endpoint: ENDPOINT, closeAfterDays: 14 } });
    expect(commentsCloseMs(makeArticle(), site)).toBe(PUBLISHED_MS + 14 * DAY);
    expect(replyFormState(makeArticle(), site, PUBLISHED_MS + 14 * DAY - 1)).toBe('open');
    expect(replyFormState(makeArticle(), site, PUBLISHED_MS + 14 * DAY)).toBe('closed');
  });

  it('lets an article keep its form open longer, or close it sooner, than the site', () => {
    const site = makeSite({ comments: { endpoint: ENDPOINT, closeAfterDays: 14 } });
    expect(replyFormState(makeArticle({ commentsCloseAfterDays: 60 }), site, PUBLISHED_MS + 30 * DAY)).toBe('open');
    expect(replyFormState(makeArticle({ commentsCloseAfterDays: 0 }), site, PUBLISHED_MS)).toBe('closed');
  });

  it('shows no form at all when the site names no endpoint or the article has comments off', () => {
    expect(replyFormState(makeArticle(), makeSite(), PUBLISHED_MS)).toBe('none');
    expect(replyFormState(makeArticle({ comments: false }), open, PUBLISHED_MS)).toBe('none');
  });
});

describe('replyForm', () => {
  const site = makeSite({ comments: { endpoint: ENDPOINT, fields: { redirect: '_next' } } });
  const form = replyForm(makeArticle({ section: 'world', slug: 'harbour-story', publishedMs: Date.UTC(2026, 10, 25, 6) }), site);

  it('posts to the endpoint with the article, an empty reply-to, the thank-you page and the publication time', () => {
    expect(form.action).toBe(ENDPOINT);
    expect(form.hidden).toEqual([
      { field: 'slug', name: 'slug', value: 'harbour-story' },
      { field: 'url', name: 'article_url', value: 'https://news.example/world/harbour-story/' },
      { field: 'replyTo', name: 'reply_to', value: '' },
      { field: 'redirect', name: '_next', value: 'https://news.example/comments/thanks/' },
      { field: 'timestamp', name: 'shown_at', value: '2026-11-25T06:00:00.000Z' },
    ]);
    expect(form.names.honeypot).toBe('_gotcha');
    expect(form.limits).toEqual({ author: 100, body: 5000 });
  });

  it('sends the reader to a thank-you page elsewhere when the config names a full address', () => {
    const elsewhere = makeSite({ comments: { endpoint: ENDPOINT, thanksUrl: 'https://thanks.example/done' } });
    expect(replyForm(makeArticle(), elsewhere).hidden.find((h) => h.field === 'redirect')?.value).toBe('https://thanks.example/done');
  });

  it('refuses to make a form that posts nowhere', () => {
    expect(() => replyForm(makeArticle(), makeSite())).toThrow(/endpoint/);
  });
});

describe('commentsSection', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });
  const bodies = new Map([
    ['c1', 'Hello <script>alert(1)</script> [x](javascript:alert(2))'],
    ['c2', 'Agreed, see [this](https://reader.example).'],
  ]);
  const comments = [makeComment({ id: 'c1', author: '<b>Mallory</b>' }), makeComment({ id: 'c2', inReplyTo: 'c1', publishedMs: at(2) })];
  const bodyHtml = (c: { id: string }): string => render('comment', bodies.get(c.id) ?? '');

  it('gives the count, the nested thread with sanitized bodies, and an open form', () => {
    const section = commentsSection(makeArticle(), comments, open, PUBLISHED_MS, bodyHtml)!;
    expect(section.heading).toBe('2 Comments');
    expect(section.state).toBe('open');
    expect(section.form?.action).toBe(ENDPOINT);
    const [first] = section.thread;
    expect(first).toMatchObject({ id: 'c1', anchor: 'comment-c1', replyAnchor: 'reply-to-c1', author: '<b>Mallory</b>', depth: 1 });
    expect(first!.html).not.toMatch(/<script|javascript:/);
    expect(first!.replies[0]!.html).toContain('rel="nofollow ugc noopener"');
    expect(allComments(section.thread).map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('keeps the comments but shows no form once comments close', () => {
    const section = commentsSection(makeArticle({ commentsCloseAfterDays: 1 }), comments, open, PUBLISHED_MS + 2 * DAY, bodyHtml)!;
    expect(section.state).toBe('closed');
    expect(section.form).toBeUndefined();
    expect(section.count).toBe(2);
    // PUBLISHED_AT is 08:30 GMT on 24 November; a day later, in the site's zone (Dublin).
    expect(section.closedAt).toBe('2026-11-25T08:30:00+00:00');
  });

  it('gives the closing moment in the site zone, summer time included', () => {
    const summer = makeArticle({
      publishedAt: '2026-06-01T09:00:00+00:00',
      publishedMs: Date.parse('2026-06-01T09:00:00+00:00'),
      commentsCloseAfterDays: 14,
    });
    const section = commentsSection(summer, comments, open, Date.parse('2026-07-01T00:00:00Z'), bodyHtml)!;
    expect(section.closedAt).toBe('2026-06-15T10:00:00+01:00');
  });

  it('gives no closing moment while the form is open, or when there is no form', () => {
    expect(commentsSection(makeArticle(), comments, open, PUBLISHED_MS, bodyHtml)).not.toHaveProperty('closedAt');
    expect(commentsSection(makeArticle(), comments, makeSite(), PUBLISHED_MS, bodyHtml)).not.toHaveProperty('closedAt');
  });

  it('shows approved comments even when the site has no endpoint', () => {
    expect(commentsSection(makeArticle(), comments, makeSite(), PUBLISHED_MS, bodyHtml)).toMatchObject({ count: 2, state: 'none' });
  });

  it('shows nothing for an article with comments off, or with no comments and no form', () => {
    let rendered = 0;
    const counting = (c: { id: string }): string => {
      rendered++;
      return bodyHtml(c);
    };
    expect(commentsSection(makeArticle({ comments: false }), comments, open, PUBLISHED_MS, counting)).toBeUndefined();
    expect(commentsSection(makeArticle(), [], makeSite(), PUBLISHED_MS, counting)).toBeUndefined();
    expect(rendered).toBe(0);
  });

  it('shows just the form on an article with no comments yet', () => {
    expect(commentsSection(makeArticle(), [], open, PUBLISHED_MS, bodyHtml)).toMatchObject({ count: 0, thread: [], state: 'open' });
  });
});
