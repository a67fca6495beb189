// Reader comments in the built site: the basic fixture built with a reply-form
// endpoint (DATELINE_COMMENTS_ENDPOINT), hostile comments included, plus the
// build errors for comment files that break the contract.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, page, runBuild, type BuildResult } from './build-site.ts';
import { readerFiles } from './dist-walk.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const ENDPOINT = 'https://forms.example/f/fixture';
let build: BuildResult;
let allFiles: { path: string; text: string }[];

beforeAll(() => {
  build = runBuild(fixtureCopy('basic'), NOW, undefined, { DATELINE_COMMENTS_ENDPOINT: ENDPOINT });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  allFiles = readerFiles(build.outDir, /\.(html|xml|json|txt)$/).map((f) => ({
    path: f,
    text: readFileSync(join(build.outDir, f), 'utf8'),
  }));
});

/** "id(child(grandchild),child2)" for a rendered thread. */
function shape(list: HTMLElement | null): string {
  if (!list) return '';
  return list.childNodes
    .filter((n): n is HTMLElement => 'tagName' in n && (n as HTMLElement).tagName === 'LI')
    .map((li) => {
      const id = li
        .querySelector('article')!
        .getAttribute('id')!
        .replace(/^comment-/, '');
      const replies = li.childNodes.find((n): n is HTMLElement => 'tagName' in n && (n as HTMLElement).tagName === 'OL') ?? null;
      return replies ? `${id}(${shape(replies)})` : id;
    })
    .join(',');
}

/** Module scripts on a page (JSON-LD blocks are data, not script). */
const scripts = (doc: HTMLElement) => doc.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');

describe('approved comments', () => {
  let doc: HTMLElement;
  beforeAll(() => {
    doc = page(build.outDir, '/world/harbour-accord-signed/');
  });

  it('are shown under the story as a thread, replies nested under the comment they answer, with the count as heading', () => {
    expect(doc.querySelector('#comments-heading')?.text).toBe('4 Comments');
    expect(shape(doc.querySelector('#comments ol.thread'))).toBe(
      'first-thoughts,budget-question(re-budget-question(re-re-budget-question))',
    );
  });

  it('give each comment its author, a machine-readable time linking to the comment, and its body', () => {
    const comment = doc.querySelector('#comment-re-budget-question')!;
    expect(comment.querySelector('.author')?.text).toBe('Comment by Ana Farrugia');
    expect(comment.getAttribute('aria-labelledby')).toBe('comment-re-budget-question-author');
    const time = comment.querySelector('a.permalink time');
    expect(time?.getAttribute('datetime')).toBe('2026-05-20T13:05:00+02:00');
    expect(time?.text).toBe('20 May 2026 at 12:05 IST');
    expect(comment.querySelector('a.permalink')?.getAttribute('href')).toBe('#comment-re-budget-question');
    expect(comment.querySelector('.body a')?.getAttribute('rel')).toBe('nofollow ugc noopener');
  });

  it('are kept out of the search index', () => {
    const fragments = readdirSync(join(build.outDir, 'pagefind')).flatMap((id) =>
      readdirSync(join(build.outDir, 'pagefind', id, 'fragment')),
    ).length;
    expect(fragments).toBeGreaterThan(0);
    expect(
      allFiles
        .filter((f) => f.path.startsWith('pagefind'))
        .map((f) => f.text)
        .join(''),
    ).not.toMatch(/zanzicomment|Mira Camilleri/);
  });

  it('appear nowhere but their article page: not in feeds, sitemaps or other pages', () => {
    const elsewhere = allFiles.filter(
      (f) => f.path !== join('world', 'harbour-accord-signed', 'index.html') && f.path !== join('world', 'hostile-copy', 'index.html'),
    );
    expect(elsewhere.length).toBeGreaterThan(20);
    for (const { path, text } of elsewhere) expect(text, path).not.toMatch(/Mira Camilleri|zanzicomment|breakwater/);
  });

  it('are never shown on an article with comments off, nor on a draft', () => {
    expect(page(build.outDir, '/world/fresh-story/').querySelector('#comments')).toBeNull();
    expect(allFiles.length).toBeGreaterThan(20);
    for (const { path, text } of allFiles) expect(text, path).not.toMatch(/invisiblecomment|zanzidraft|Early Reader/);
  });
});

describe('hostile comments', () => {
  let doc: HTMLElement;
  let comments: HTMLElement;
  beforeAll(() => {
    doc = page(build.outDir, '/world/hostile-copy/');
    comments = doc.querySelector('#comments')!;
  });

  it('show HTML in an author name as text', () => {
    expect(comments.querySelectorAll('.author').map((a) => a.text)).toEqual([
      "Comment by <script>alert('author')</script> & Co",
      'Comment by <b onmouseover="alert(5)">Bold</b> "Reader"',
    ]);
    expect(comments.querySelectorAll('b')).toHaveLength(0);
  });

  it('lose script and style elements, raw HTML, images and iframes, and keep the words', () => {
    expect(comments.text).toContain('Nice story, zanzicomment.');
    expect(comments.querySelector('ol.thread')!.querySelectorAll('script, style, img, iframe')).toHaveLength(0);
    expect(scripts(doc)).toHaveLength(1); // the reply form's own
    expect(doc.querySelectorAll('iframe').map((f) => f.getAttribute('src'))).toEqual(['https://www.youtube-nocookie.com/embed/abc']);
    expect(comments.querySelector('.body')?.innerHTML).not.toContain('raw link</a>');
  });

  it('keep no javascript: or data: link, and mark every other reader link nofollow ugc', () => {
    // A link whose javascript: address was dropped is no link: its words stay as text, with no <a> (and no rel without href).
    const links = comments.querySelectorAll('.body a');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://reader.example/blog']);
    expect(links.map((a) => a.getAttribute('rel'))).toEqual(['nofollow ugc noopener']);
    expect(comments.text).toContain('click me');
    expect(comments.text).toContain('a raw link');
  });

  it('leave no event handler or script URL on any element of the page', () => {
    for (const el of doc.querySelectorAll('*')) {
      for (const [name, value] of Object.entries(el.attributes)) {
        expect(name, el.outerHTML).not.toMatch(/^on/i);
        if (/^(href|src|action|style|formaction)$/i.test(name)) expect(value, el.outerHTML).not.toMatch(/script:|^data:/i);
      }
    }
  });
});

describe('the reply form', () => {
  let doc: HTMLElement;
  let form: HTMLElement;
  beforeAll(() => {
    doc = page(build.outDir, '/world/harbour-accord-signed/');
    form = doc.querySelector('#respond form')!;
  });

  it('is a plain POST to the configured endpoint under a "Leave a Reply" heading, after the comments', () => {
    expect(doc.querySelector('#respond h2')?.text).toBe('Leave a Reply');
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe(ENDPOINT);
    const order = doc.querySelectorAll('#comments-heading, #reply-heading').map((h) => h.id);
    expect(order).toEqual(['comments-heading', 'reply-heading']);
  });

  it('has labelled, required comment, name and email fields marked *, and the note about the email', () => {
    expect(form.querySelector('.note')?.text).toBe('Your email address will not be published. Required fields are marked *');
    const fields = form.querySelectorAll('textarea, input:not([type="hidden"]):not([tabindex="-1"])');
    expect(fields.map((f) => f.getAttribute('name'))).toEqual(['comment', 'name', 'email']);
    for (const field of fields) {
      const label = form.querySelector(`label[for="${field.id}"]`);
      expect(label?.text.trim(), field.id).toMatch(/^(Comment|Name|Email) \*$/);
      expect(field.hasAttribute('required'), field.id).toBe(true);
    }
    expect(form.querySelector('input[name="email"]')?.getAttribute('type')).toBe('email');
    expect(form.querySelector('input[name="email"]')?.getAttribute('aria-describedby')).toBe('reply-note');
  });

  it('carries the article, its URL, an empty reply-to, the thank-you page and the publication time in hidden fields', () => {
    const hidden = Object.fromEntries(
      form.querySelectorAll('input[type="hidden"]').map((i) => [i.getAttribute('name'), i.getAttribute('value') ?? '']),
    );
    expect(hidden).toEqual({
      slug: 'harbour-accord-signed',
      article_url: 'https://harbourdispatch.example/world/harbour-accord-signed/',
      reply_to: '',
      _redirect: 'https://harbourdispatch.example/comments/thanks/',
      // The article's publication time until the page's script sets when the form was opened: a build changes no unchanged page.
      shown_at: '2026-05-20T07:00:00.000Z',
    });
  });

  it('has a honeypot hidden from people and screen readers, out of the tab order', () => {
    const honeypot = form.querySelector('input[name="_gotcha"]')!;
    expect(honeypot.getAttribute('tabindex')).toBe('-1');
    expect(honeypot.getAttribute('autocomplete')).toBe('off');
    expect(honeypot.parentNode!.getAttribute('aria-hidden')).toBe('true');
    expect(honeypot.parentNode!.classList.contains('hp')).toBe(true);
    // The page's own styles (linked or inline) hide it; the class, not an attribute a bot could spot, does it.
    const css = [
      ...doc.querySelectorAll('style').map((st) => st.text),
      ...doc.querySelectorAll('link[rel="stylesheet"]').map((l) => readFileSync(join(build.outDir, l.getAttribute('href')!), 'utf8')),
    ].join('');
    expect(css).toMatch(/\.hp\[data-astro-cid-[a-z0-9]+\]\{display:none\}/);
  });

  it('gives every comment a Reply link whose fragment names it and lands inside the form', () => {
    const links = doc.querySelectorAll('#comments a.reply-link');
    expect(links).toHaveLength(4);
    for (const link of links) {
      const id = link.getAttribute('data-reply-to');
      expect(link.getAttribute('href')).toBe(`#reply-to-${id}`);
      expect(doc.querySelector(`#respond #reply-to-${id}`), String(id)).not.toBeNull();
    }
  });

  it('ships its small script only on article pages with an open form', () => {
    const [script] = scripts(doc);
    expect(script?.getAttribute('type')).toBe('module');
    // A file of its own (the Content-Security-Policy allows no inline script), and small.
    const src = script?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\/_astro\/.+\.js$/);
    expect(readFileSync(join(build.outDir, src), 'utf8').length).toBeLessThan(1500);
    const withScript = allFiles
      .filter((f) => f.path.endsWith('.html') && scripts(page(build.outDir, `/${f.path}`)).length > 0)
      .map((f) => f.path)
      .sort();
    expect(withScript).toEqual(
      ['world/harbour-accord-signed', 'world/hostile-copy', 'world/stale-story', 'search'].map((p) => join(p, 'index.html')).sort(),
    );
  });

  it('is replaced by "Comments closed on <date>" once the article’s days run out, the comments staying', () => {
    const closed = page(build.outDir, '/world/port-strike-ends/');
    // Published 07:00 GMT on 10 May, closing after 7 days: 08:00 Irish summer time on 17 May.
    expect(closed.querySelector('#comments .closed')?.text).toBe('Comments closed on 17 May 2026.');
    expect(closed.querySelector('#comments .closed time')?.getAttribute('datetime')).toBe('2026-05-17T08:00:00+01:00');
    expect(closed.querySelector('#comments .not-taken')).toBeNull();
    expect(closed.querySelector('#comments-heading')?.text).toBe('1 Comment');
    expect(closed.querySelector('#respond')).toBeNull();
    expect(closed.querySelectorAll('a.reply-link')).toHaveLength(0);
  });

  it('is shown alone on an open article with no comments yet', () => {
    const quiet = page(build.outDir, '/world/stale-story/');
    expect(quiet.querySelector('#comments-heading')).toBeNull();
    expect(quiet.querySelector('#respond form')).not.toBeNull();
  });
});

describe('the thank-you page', () => {
  it('says the comment awaits moderation, links back, has no script, and is kept out of indexes and sitemaps', () => {
    const thanks = page(build.outDir, '/comments/thanks/');
    expect(thanks.querySelector('h1')?.text).toBe('Thank you for your comment');
    expect(thanks.querySelector('main')?.text).toContain('waiting for moderation');
    expect(thanks.querySelector('main a')?.getAttribute('href')).toBe('/');
    expect(thanks.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(scripts(thanks)).toHaveLength(0);
    const sitemaps = allFiles.filter((f) => /sitemap/.test(f.path)).map((f) => f.text);
    expect(sitemaps.length).toBeGreaterThan(0);
    for (const xml of sitemaps) expect(xml).not.toContain('/comments/');
  });
});

describe('comment files that break the contract', () => {
  let failed: BuildResult;
  beforeAll(() => {
    failed = runBuild(
      fixtureCopy('basic', {
        'comments/no-such-story/lost.md': '---\nauthor: "Lost"\npublishedAt: 2026-05-21T10:00:00+00:00\n---\n\nHello.\n',
        'comments/harbour-accord-signed/dangling.md':
          '---\nauthor: "Dangling"\npublishedAt: 2026-05-21T10:00:00+00:00\ninReplyTo: no-such-comment\n---\n\nHello.\n',
        'comments/harbour-accord-signed/with-email.md':
          '---\nauthor: "Leaky"\nemail: leaky@reader.example\npublishedAt: 2026-05-21T10:00:00+00:00\n---\n\nHello.\n',
      }),
      NOW,
    );
  });

  it('stop the build, naming each file and what to fix', () => {
    expect(failed.status).not.toBe(0);
    expect(failed.output).toMatch(/Dateline found 3 problems in 3 files; nothing was built\./);
    expect(failed.output).toMatch(
      /comments\/no-such-story\/lost\.md is in content\/comments\/no-such-story\/, but there is no article "no-such-story"/,
    );
    expect(failed.output).toMatch(
      /comments\/harbour-accord-signed\/dangling\.md:4 inReplyTo: "no-such-comment" is not a comment on this article/,
    );
    expect(failed.output).toMatch(/comments\/harbour-accord-signed\/with-email\.md:3 email: is a reader's email address: delete this line/);
  });

  it('never echo the reader’s email address', () => {
    expect(failed.output).not.toContain('leaky@reader.example');
  });
});

describe('DATELINE_COMMENTS_ENDPOINT', () => {
  it('fails the build before anything is written when it is not an https address, naming the variable', () => {
    const bad = runBuild(fixtureCopy('basic'), NOW, undefined, { DATELINE_COMMENTS_ENDPOINT: 'http://forms.example/f' });
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('DATELINE_COMMENTS_ENDPOINT="http://forms.example/f" must be the https:// address of the form service');
  });
});
