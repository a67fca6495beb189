import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import type { Article, Desk } from '#lib/content/content.ts';
import { parseFragment } from 'parse5';
import {
  absolutizeUrls,
  buildFeed,
  FEED_SIZE,
  feedContent,
  toRssXml,
  type Feed,
  type FeedContext,
  type FeedItem,
  type FeedSpec,
} from '#lib/outputs/feeds.ts';
import { BREAK_MARKER, createMarkdownRenderer } from '#lib/render/markdown.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { DAY, HOUR, makeArticle, makeContent, makeDesk, makeSection, makeSite, PUBLISHED_MS } from './factories.ts';
import { parseWellFormedXml } from './well-formed-xml.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const SITE = makeSite();
const LOGO_SITE = makeSite({ logo: { src: '/logo.png', width: 600, height: 60 } });
const BASE = 'https://news.example/world/harbour-story/';

interface ContextOptions {
  site?: SiteConfig;
  desks?: Desk[];
  sectionName?: string;
  bodyHtml?: (article: Article) => string;
}

function contextOf(articles: Article[], options: ContextOptions = {}): FeedContext {
  const extra = {
    ...(options.desks && { desks: options.desks }),
    ...(options.sectionName && { sections: [makeSection({ slug: 'world', name: options.sectionName })] }),
  };
  return {
    site: options.site ?? SITE,
    archive: buildArchive(makeContent(articles, extra), NOW),
    nowMs: NOW,
    bodyHtml: options.bodyHtml ?? ((a) => `<p>Body of ${a.slug}.</p>`),
  };
}

function specOf(ctx: FeedContext, overrides: Partial<FeedSpec> = {}): FeedSpec {
  return {
    title: 'World',
    description: 'World news.',
    feedPath: '/world/rss.xml',
    pagePath: '/world/',
    articles: ctx.archive.articles,
    ...overrides,
  };
}

const itemsOf = (feed: Feed): FeedItem[] => feed.items;

/** A feed of the given articles, with one item per article. */
function feedOf(articles: Article[], options: ContextOptions = {}): { feed: Feed; items: FeedItem[] } {
  const ctx = contextOf(articles, options);
  const feed = buildFeed(specOf(ctx), ctx);
  return { feed, items: itemsOf(feed) };
}

/** `count` articles one hour apart, newest first by slug order (story-000 is newest). */
function manyArticles(count: number): Article[] {
  return Array.from({ length: count }, (_, i) =>
    makeArticle({ slug: `story-${String(i).padStart(3, '0')}`, publishedMs: PUBLISHED_MS - i * HOUR }),
  );
}

describe('buildFeed: items', () => {
  it('takes only the first FEED_SIZE articles, the newest ones', () => {
    const { items } = feedOf(manyArticles(FEED_SIZE + 10));
    expect(FEED_SIZE).toBe(50);
    expect(items).toHaveLength(FEED_SIZE);
    expect(items[0]!.link).toBe('https://news.example/world/story-000/');
    expect(items.at(-1)!.link).toBe(`https://news.example/world/story-0${FEED_SIZE - 1}/`);
  });

  it('keeps the order it is given rather than sorting again', () => {
    const ctx = contextOf(manyArticles(3));
    const oldestFirst = [...ctx.archive.articles].reverse();
    const items = itemsOf(buildFeed(specOf(ctx, { articles: oldestFirst }), ctx));
    expect(items.map((i) => i.link)).toEqual([
      'https://news.example/world/story-002/',
      'https://news.example/world/story-001/',
      'https://news.example/world/story-000/',
    ]);
  });

  it('has no items when there are no articles', () => {
    expect(feedOf([]).items).toEqual([]);
  });

  it('gives each item its absolute permalink, title, summary and publication time', () => {
    const published = Date.parse('2026-11-20T09:15:00+02:00');
    const [item] = feedOf([
      makeArticle({ slug: 'port-reopens', title: 'Port reopens', summary: 'Ships return.', publishedMs: published }),
    ]).items;
    expect(item).toMatchObject({
      title: 'Port reopens',
      link: 'https://news.example/world/port-reopens/',
      descriptionHtml: 'Ships return.',
    });
    expect(item!.pubDate).toEqual(new Date(published));
    expect(item!.pubDate!.toUTCString()).toBe('Fri, 20 Nov 2026 07:15:00 GMT');
  });

  it('lists the section name first, then the tags as written', () => {
    const [item] = feedOf([makeArticle({ tags: ['Ports', 'EU policy'] })], { sectionName: 'World News' }).items;
    expect(item!.categories).toEqual(['World News', 'Ports', 'EU policy']);
  });

  it('lists only the section when the article has no tags', () => {
    expect(feedOf([makeArticle()]).items[0]!.categories).toEqual(['World']);
  });

  it('names the desk as the creator, as plain text', () => {
    const desks = [makeDesk({ slug: 'news-desk', name: 'Smith & Sons <Ltd> "Desk"' })];
    expect(feedOf([makeArticle()], { desks }).items[0]!.creator).toBe('Smith & Sons <Ltd> "Desk"');
  });

  it('gives the summary as HTML whose text is the summary', () => {
    const [item] = feedOf([makeArticle({ summary: 'Fish & <b>chips</b>' })]).items;
    expect(item!.descriptionHtml).toBe('Fish &amp; &lt;b&gt;chips&lt;/b&gt;');
  });

  it('has no image when the article has none', () => {
    expect(feedOf([makeArticle()]).items[0]!.image).toBeUndefined();
  });

  it('gives the lead image an absolute URL, its alt text and its credit', () => {
    const withCredit = makeArticle({ slug: 'a', image: { src: '/images/port.jpg', alt: 'Cranes & ships', credit: 'Photo: A & B' } });
    const without = makeArticle({ slug: 'b', image: { src: 'https://cdn.example/x.jpg?w=1&h=2', alt: 'Quay' } });
    const items = feedOf([withCredit, without]).items;
    const image = (slug: string) => items.find((i) => i.link.endsWith(`/${slug}/`))!.image;
    expect(image('a')).toEqual({ url: 'https://news.example/images/port.jpg', alt: 'Cranes & ships', credit: 'Photo: A & B' });
    expect(image('b')).toEqual({ url: 'https://cdn.example/x.jpg?w=1&h=2', alt: 'Quay', credit: undefined });
  });
});

describe('buildFeed: channel', () => {
  it('names the feed and links to the page it mirrors', () => {
    const { feed } = feedOf([]);
    expect(feed).toMatchObject({ title: 'World', description: 'World news.', link: 'https://news.example/world/' });
  });

  it('declares the namespaces its items use', () => {
    const rss = parseWellFormedXml(toRssXml(feedOf([]).feed)).rss;
    expect(rss['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(rss['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(rss['@xmlns:media']).toBe('http://search.yahoo.com/mrss/');
  });

  it('gives the language, an RFC 822 lastBuildDate (the build clock for an empty feed) and an absolute atom:link to itself', () => {
    expect(toRssXml(feedOf([]).feed)).toContain(
      '<language>en-GB</language><lastBuildDate>Tue, 01 Dec 2026 12:00:00 GMT</lastBuildDate>' +
        '<atom:link href="https://news.example/world/rss.xml" rel="self" type="application/rss+xml"/>',
    );
  });

  it('declares no WebSub hub by default, and the configured one beside rel="self" when the site names it', () => {
    expect(toRssXml(feedOf([]).feed)).not.toContain('rel="hub"');
    const ctx = contextOf([], { site: makeSite({ websub: { hub: 'https://websub.example/hub?x=1&y=2' } }) });
    const xml = toRssXml(buildFeed(specOf(ctx), ctx));
    expect(xml).toContain(
      '<atom:link href="https://news.example/world/rss.xml" rel="self" type="application/rss+xml"/>' +
        '<atom:link href="https://websub.example/hub?x=1&amp;y=2" rel="hub"/>',
    );
    const links = parseWellFormedXml(xml, ['rss.channel.atom:link']).rss.channel['atom:link'] as Record<string, string>[];
    expect(links.map((l) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'https://news.example/world/rss.xml'],
      ['hub', 'https://websub.example/hub?x=1&y=2'],
    ]);
  });

  it('dates lastBuildDate by the newest change among its stories, not the clock, so an unchanged feed keeps its bytes', () => {
    const older = makeArticle({
      slug: 'older',
      publishedMs: Date.parse('2026-11-20T08:00:00Z'),
      updatedMs: Date.parse('2026-11-29T09:30:00Z'),
    });
    const newer = makeArticle({ slug: 'newer', publishedMs: Date.parse('2026-11-28T10:00:00Z') });
    expect(toRssXml(feedOf([newer, older]).feed)).toContain('<lastBuildDate>Sun, 29 Nov 2026 09:30:00 GMT</lastBuildDate>');
  });

  it('has an image only when the site has a logo, titled and linked like the feed', () => {
    expect(toRssXml(feedOf([]).feed)).not.toContain('<image>');
    const ctx = contextOf([], { site: LOGO_SITE });
    const feed = buildFeed(specOf(ctx, { title: 'Crime & Courts', pagePath: '/crime/' }), ctx);
    expect(toRssXml(feed)).toContain(
      '<image><url>https://news.example/logo.png</url><title>Crime &amp; Courts</title><link>https://news.example/crime/</link></image>',
    );
  });
});

describe('toRssXml', () => {
  const HOSTILE = 'Tom & Jerry </script><script>alert(1)</script> "quoted" \'single\' ]]> <!-- \u0001\u0008\u000b\u001f 東京の港 الميناء';
  /** What a reader should see: the hostile text without the characters XML forbids. */
  const SHOWN = 'Tom & Jerry </script><script>alert(1)</script> "quoted" \'single\' ]]> <!--  東京の港 الميناء';

  const hostileArticle = makeArticle({
    slug: 'hostile',
    title: HOSTILE,
    summary: `Dek: ${HOSTILE}`,
    tags: [HOSTILE, 'ports'],
    image: { src: '/images/a&b.jpg', alt: `Alt ${HOSTILE}`, credit: `Credit ${HOSTILE}` },
    source: { name: `Wire ${HOSTILE}`, url: 'https://wire.example/story?id=1&lang=ja' },
    corrections: [{ date: '2026-11-25T10:00:00+00:00', text: `Fixed ${HOSTILE}` }],
  });
  // The body as the pipeline would serialize it: text escaped, control characters kept.
  const hostileBody = `<p>Body &#x26; <em>more</em> ]]> \u0001 &#x3C;/script> 日本語 العربية</p>${BREAK_MARKER}\n<p><a href="/world/other/?a=1&#x26;b=2">Other</a></p>`;

  async function renderedItem(): Promise<Record<string, any>> {
    const desks = [makeDesk({ slug: 'news-desk', name: `Desk ${HOSTILE}` })];
    const ctx = contextOf([hostileArticle], { site: LOGO_SITE, desks, sectionName: `Section ${HOSTILE}`, bodyHtml: () => hostileBody });
    const xml = toRssXml(buildFeed(specOf(ctx, { title: `Feed ${HOSTILE}`, description: `About ${HOSTILE}` }), ctx));
    const doc = parseWellFormedXml(xml, ['rss.channel.item', 'rss.channel.item.category']);
    return doc.rss.channel;
  }

  it('writes well-formed XML whose channel text reads back as written', async () => {
    const channel = await renderedItem();
    expect(channel.title).toBe(`Feed ${SHOWN}`);
    expect(channel.description).toBe(`About ${SHOWN}`);
    expect(channel.image.title).toBe(`Feed ${SHOWN}`);
    expect(channel['atom:link']['@href']).toBe('https://news.example/world/rss.xml');
  });

  it('keeps hostile titles, categories and desk names intact as text', async () => {
    const [item] = (await renderedItem()).item;
    expect(item.title).toBe(SHOWN);
    expect(item.category).toEqual([`Section ${SHOWN}`, SHOWN, 'ports']);
    expect(item['dc:creator']).toBe(`Desk ${SHOWN}`);
    expect(item.guid['#text']).toBe('https://news.example/world/hostile/');
  });

  it('keeps the image URL, credit and alt text intact', async () => {
    const media = (await renderedItem()).item[0]['media:content'];
    expect(media['@url']).toBe('https://news.example/images/a&b.jpg');
    expect(media['media:credit']).toBe(`Credit ${SHOWN}`);
    expect(media['media:description']).toEqual({ '#text': `Alt ${SHOWN}`, '@type': 'plain' });
  });

  it('carries the body, source and corrections as HTML that reads back exactly', async () => {
    const content: string = (await renderedItem()).item[0]['content:encoded'];
    const escapedShown =
      'Tom &amp; Jerry &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &apos;single&apos; ]]&gt; &lt;!--  東京の港 الميناء';
    expect(content).toBe(
      '<p>Body &#x26; <em>more</em> ]]>  &#x3C;/script> 日本語 العربية</p>\n' +
        '<p><a href="https://news.example/world/other/?a=1&amp;b=2">Other</a></p>\n' +
        `<p>Source: <a href="https://wire.example/story?id=1&amp;lang=ja">Wire ${escapedShown}</a></p>\n` +
        `<h2>Correction</h2><ul><li><time datetime="2026-11-25T10:00:00+00:00">25 November 2026</time>: Fixed ${escapedShown}</li></ul>`,
    );
  });

  /** The elements a feed reader would make of an item's description: it decodes the XML, then parses the text as HTML. */
  function descriptionElements(summary: string): { tags: string[]; text: string } {
    const ctx = contextOf([makeArticle({ summary })]);
    const [item] = parseWellFormedXml(toRssXml(buildFeed(specOf(ctx), ctx)), ['rss.channel.item']).rss.channel.item;
    const tags: string[] = [];
    let text = '';
    const walk = (node: any): void => {
      if (node.nodeName === '#text') text += node.value;
      else if (node.tagName) tags.push(node.tagName);
      for (const child of node.childNodes ?? []) walk(child);
    };
    walk(parseFragment(String(item.description)));
    return { tags, text };
  }

  it.each([
    ['a script', 'Ships <script>alert(1)</script> return'],
    ['an image with an event handler', 'Ships <img src=x onerror="alert(1)"> return'],
    ['a javascript: link', 'Ships <a href="javascript:alert(1)">return</a>'],
    ['markup already entity-encoded', 'Ships &lt;b&gt;return&lt;/b&gt; &amp; more'],
  ])('gives a feed reader a dek with %s as text, never as elements', (_kind, summary) => {
    expect(descriptionElements(summary)).toEqual({ tags: [], text: summary });
  });

  it('keeps plain-text fields that look like numbers exactly as written', async () => {
    const names = ['007', '1e3', '0x1F', '+44', '1.50', '2024'];
    const desks = names.map((name, i) => makeDesk({ slug: `desk-${i}`, name }));
    const articles = names.map((name, i) =>
      makeArticle({ slug: `s-${i}`, desk: `desk-${i}`, tags: [name], image: { src: '/a.jpg', alt: name, credit: name } }),
    );
    const ctx = contextOf(articles, { desks });
    const xml = toRssXml(buildFeed(specOf(ctx, { title: '007', description: '1e3' }), ctx));
    const channel = parseWellFormedXml(xml, ['rss.channel.item', 'rss.channel.item.category']);
    const items: any[] = channel.rss.channel.item;
    expect(items).toHaveLength(names.length);
    expect(channel.rss.channel.title).toBe('007');
    expect(channel.rss.channel.description).toBe('1e3');
    for (const [i, name] of names.entries()) {
      const item = items.find((it) => it.link.endsWith(`/s-${i}/`));
      expect(item['dc:creator']).toBe(name);
      expect(item.category).toEqual(['World', name]);
      expect(item['media:content']['media:credit']).toBe(name);
      expect(item['media:content']['media:description']['#text']).toBe(name);
    }
  });
});

describe('feedContent', () => {
  const render = (article: Article, body = '<p>Body.</p>'): string =>
    feedContent(article, contextOf([article], { bodyHtml: () => body }), BASE);

  it('removes every paragraph-break marker and keeps the paragraphs', () => {
    const body = `<p>One.</p>${BREAK_MARKER}\n<p>Two.</p>${BREAK_MARKER}`;
    expect(render(makeArticle(), body)).toBe('<p>One.</p>\n<p>Two.</p>');
  });

  it('is just the body when there is no source and no correction', () => {
    expect(render(makeArticle())).toBe('<p>Body.</p>');
  });

  it('links the source when it has a URL, escaping name and URL', () => {
    const article = makeArticle({ source: { name: 'Wire & Co <AP>', url: 'https://wire.example/a?b=1&c=2' } });
    expect(render(article)).toBe('<p>Body.</p>\n<p>Source: <a href="https://wire.example/a?b=1&amp;c=2">Wire &amp; Co &lt;AP&gt;</a></p>');
  });

  it('prints the source URL in its normalised form, so no "<" or quote is left in the query', () => {
    const article = makeArticle({ source: { name: 'Wire', url: 'https://Wire.example/story?q=<x>&s="y"' } });
    expect(render(article)).toBe('<p>Body.</p>\n<p>Source: <a href="https://wire.example/story?q=%3Cx%3E&amp;s=%22y%22">Wire</a></p>');
  });

  it('names the source without a link when it has no URL', () => {
    expect(render(makeArticle({ source: { name: 'Wire & Co' } }))).toBe('<p>Body.</p>\n<p>Source: Wire &amp; Co</p>');
  });

  it('lists corrections newest first by instant, not by how the date is written', () => {
    const article = makeArticle({
      corrections: [
        { date: '2026-11-24T22:00:00+00:00', text: 'Later fix.' },
        // Written as the 25th but, at +05:00, two hours before the fix above.
        { date: '2026-11-25T01:00:00+05:00', text: 'Earlier fix.' },
        { date: '2026-11-24T09:00:00+00:00', text: 'First fix.' },
      ],
    });
    const html = render(article);
    expect(html).toContain('<h2>Corrections</h2>');
    expect(html.indexOf('Later fix.')).toBeLessThan(html.indexOf('Earlier fix.'));
    expect(html.indexOf('Earlier fix.')).toBeLessThan(html.indexOf('First fix.'));
    // The day in the site's time zone (Europe/Dublin), as the article page shows it, not the day the writer's offset gives.
    expect(html).toContain('<time datetime="2026-11-25T01:00:00+05:00">24 November 2026</time>: Earlier fix.');
  });

  it('does not reorder the article’s own corrections list', () => {
    const corrections = [
      { date: '2026-11-24T09:00:00+00:00', text: 'Old.' },
      { date: '2026-11-26T09:00:00+00:00', text: 'New.' },
    ];
    render(makeArticle({ corrections }));
    expect(corrections.map((c) => c.text)).toEqual(['Old.', 'New.']);
  });

  it('heads a single correction in the singular and escapes its text', () => {
    const article = makeArticle({ corrections: [{ date: '2026-11-25T10:00:00+00:00', text: 'We said <b>5</b> & meant 6.' }] });
    expect(render(article)).toBe(
      '<p>Body.</p>\n<h2>Correction</h2><ul><li><time datetime="2026-11-25T10:00:00+00:00">25 November 2026</time>: We said &lt;b&gt;5&lt;/b&gt; &amp; meant 6.</li></ul>',
    );
  });

  it('makes links in the body absolute against the article’s URL', () => {
    expect(render(makeArticle(), '<p><a href="../other/">x</a> <img src="map.png" alt="Map"></p>')).toBe(
      '<p><a href="https://news.example/world/other/">x</a> <img src="https://news.example/world/harbour-story/map.png" alt="Map"></p>',
    );
  });
});

describe('absolutizeUrls', () => {
  const hrefOf = (value: string): string => absolutizeUrls(`<a href="${value}">x</a>`, BASE).match(/href="([^"]*)"/)![1]!;

  it.each([
    ['a root-relative path', '/tag/ports/', 'https://news.example/tag/ports/'],
    ['a parent-relative path', '../x', 'https://news.example/world/x'],
    ['a bare relative file', 'x.jpg', 'https://news.example/world/harbour-story/x.jpg'],
    ['a same-folder path with ./', './notes/', 'https://news.example/world/harbour-story/notes/'],
    ['a protocol-relative URL', '//cdn.example/x', 'https://cdn.example/x'],
    ['a query alone', '?page=2', 'https://news.example/world/harbour-story/?page=2'],
  ])('resolves %s against the base', (_kind, value, expected) => {
    expect(hrefOf(value)).toBe(expected);
  });

  it.each([
    ['an absolute URL', 'https://other.example/a/b?c=d'],
    ['an in-page fragment', '#fn-1'],
    ['an empty value', ''],
    ['a mailto link', 'mailto:desk@news.example'],
    ['a tel link', 'tel:+35312345678'],
    ['a value that is not a URL', 'http://[bad'],
  ])('leaves %s as it is', (_kind, value) => {
    expect(hrefOf(value)).toBe(value);
  });

  it('decodes &amp; before resolving and escapes the result again', () => {
    expect(hrefOf('/search/?q=a&amp;b=c')).toBe('https://news.example/search/?q=a&amp;b=c');
  });

  it('decodes the hex references our serializer writes (&#x26;) instead of reading them as fragments', () => {
    expect(hrefOf('/search/?q=a&#x26;b=c')).toBe('https://news.example/search/?q=a&amp;b=c');
    expect(hrefOf('/search/?q=a&#38;b=c')).toBe('https://news.example/search/?q=a&amp;b=c');
  });

  it('percent-encodes a quote that was written as &quot; or &#x22;, so the attribute stays closed', () => {
    expect(hrefOf('/q?s=&quot;hi&quot;')).toBe('https://news.example/q?s=%22hi%22');
    expect(hrefOf('/q?s=&#x22;hi&#x22;')).toBe('https://news.example/q?s=%22hi%22');
  });

  it('rewrites every href and src in the document and no other attribute', () => {
    const html = '<p><a href="/a/" title="/t/">a</a></p><img src="b.png" alt="c.png"><iframe src="//video.example/e/1" title="v"></iframe>';
    expect(absolutizeUrls(html, BASE)).toBe(
      '<p><a href="https://news.example/a/" title="/t/">a</a></p><img src="https://news.example/world/harbour-story/b.png" alt="c.png"><iframe src="https://video.example/e/1" title="v"></iframe>',
    );
  });

  it('gives working absolute links for Markdown rendered by the real pipeline', () => {
    const render = createMarkdownRenderer({ embedHosts: [] });
    const html = absolutizeUrls(render('article', '[Results](/search/?q=port&section=world) and ![Map](maps/port.png)'), BASE);
    const href = html.match(/href="([^"]*)"/)![1]!.replaceAll('&amp;', '&');
    expect(Object.fromEntries(new URL(href).searchParams)).toEqual({ q: 'port', section: 'world' });
    expect(html).toContain('src="https://news.example/world/harbour-story/maps/port.png"');
  });
});

describe('a feed for a desk or section with no stories yet', () => {
  it('still renders a well-formed channel', async () => {
    const ctx = contextOf([makeArticle({ publishedMs: NOW + DAY })]);
    const xml = toRssXml(buildFeed(specOf(ctx), ctx));
    const channel = parseWellFormedXml(xml).rss.channel;
    expect(channel.title).toBe('World');
    expect(channel.item).toBeUndefined();
  });
});

describe('absolutizeUrls and code samples', () => {
  it('leaves URLs shown as text in a code sample alone', () => {
    const render = createMarkdownRenderer({ embedHosts: [] });
    const html = render('article', 'Write `<a href="page.html">` and see [the page](page.html).\n');
    const out = absolutizeUrls(html, 'https://news.example/world/story/');
    expect(out).toContain('href="https://news.example/world/story/page.html"');
    expect(out).toMatch(/<code>[^<]*href="page\.html"/);
  });
});
