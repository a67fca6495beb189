import { describe, expect, it } from 'vitest';
import { BREAK_MARKER, createMarkdownRenderer, type MarkdownKind } from '#lib/render/markdown.ts';

const EMBED_HOST = 'www.youtube-nocookie.com';
const render = createMarkdownRenderer({ embedHosts: [EMBED_HOST, 'player.vimeo.com'] });
const article = (markdown: string): string => render('article', markdown);
const comment = (markdown: string): string => render('comment', markdown);
const bio = (markdown: string): string => render('bio', markdown);
const KINDS: MarkdownKind[] = ['article', 'bio', 'comment'];

/** The tag names of the headings in the HTML, in order. */
const headings = (html: string): string[] => [...html.matchAll(/<(h[1-6])\b/g)].map((m) => m[1]!);

describe('createMarkdownRenderer: ordinary Markdown', () => {
  it('renders paragraphs, emphasis, links and lists', () => {
    const html = article('Hello *there* and [home](/world/).\n\n- one\n- two\n');
    expect(html).toContain('<em>there</em>');
    expect(html).toContain('<a href="/world/">home</a>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  });

  it('renders GFM tables with header cells and alignment', () => {
    const html = article('| Port | Tonnes |\n|:--|--:|\n| Cork | 120 |\n');
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th class="align-left">Port<\/th>\s*<th class="align-right">Tonnes<\/th>/);
    expect(html).toMatch(/<tbody>\s*<tr>\s*<td class="align-left">Cork<\/td>\s*<td class="align-right">120<\/td>/);
  });

  it('renders GFM strikethrough', () => {
    expect(article('~~withdrawn~~')).toContain('<del>withdrawn</del>');
  });

  it('keeps safe link schemes: https, mailto and site paths', () => {
    const html = article('[a](https://example.org/x) [b](mailto:desk@example.org) [c](/world/story/)');
    expect(html).toContain('href="https://example.org/x"');
    expect(html).toContain('href="mailto:desk@example.org"');
    expect(html).toContain('href="/world/story/"');
  });

  it('makes body images lazy and asynchronous, keeping their alt text', () => {
    expect(article('![The quay at dawn](/images/quay.jpg)')).toContain(
      '<img src="/images/quay.jpg" alt="The quay at dawn" loading="lazy" decoding="async">',
    );
  });

  it('prefixes ids from the writer so they cannot clobber the page', () => {
    expect(article('<h2 id="top">Top</h2>')).toContain('id="user-content-top"');
  });
});

describe('createMarkdownRenderer: sanitizing', () => {
  it('removes script and style elements with their content from an article', () => {
    const html = article('Before <script>alert("x")</script> after\n\n<style>body { display: none }</style>\n\nEnd');
    expect(html).not.toMatch(/<script|<style/i);
    expect(html).not.toContain('alert');
    expect(html).not.toContain('display: none');
    expect(html).toContain('Before');
    expect(html).toContain('End');
  });

  it.each(['comment', 'bio'] as const)('never outputs script or style elements in a %s', (kind) => {
    const html = render(kind, 'Before <script>alert("x")</script> after\n\n<style>body { display: none }</style>\n\nEnd');
    expect(html).not.toMatch(/<script|<style/i);
    expect(html).toContain('End');
  });

  it('removes the content of template, noscript and textarea elements', () => {
    const html = article('<template><p>hidden</p></template><noscript>no js</noscript><textarea>typed</textarea>kept');
    expect(html).not.toMatch(/hidden|no js|typed/);
    expect(html).toContain('kept');
  });

  it('removes on* event handlers from raw HTML', () => {
    const html = article('<p onclick="steal()" onmouseover="steal()">Para</p>\n\n<img src="/a.png" alt="A" onerror="steal()">');
    expect(html).not.toMatch(/\bon[a-z]+=/i);
    expect(html).not.toContain('steal');
    expect(html).toContain('<p>Para</p>');
    expect(html).toContain('alt="A"');
  });

  it('removes style attributes and unknown classes', () => {
    const html = article('<p style="position:fixed" class="overlay">Text</p>');
    expect(html).not.toContain('position:fixed');
    expect(html).not.toContain('overlay');
  });

  it.each([
    ['plain', 'javascript:alert(1)'],
    ['mixed case', 'JaVaScRiPt:alert(1)'],
    ['an encoded tab', 'jav&#x09;ascript:alert(1)'],
    ['an encoded letter', '&#106;avascript:alert(1)'],
    ['leading space', ' javascript:alert(1)'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['data: HTML', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ])('removes a raw-HTML href written with %s', (_label, href) => {
    const html = article(`<a href="${href}">click</a>`);
    expect(html).toContain('<a>click</a>');
    expect(html).not.toMatch(/href|script:|data:/i);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['mixed case javascript:', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:image/svg+xml;base64,PHN2Zz4='],
  ])('removes a raw-HTML image src using %s', (_label, src) => {
    const html = article(`<img src="${src}" alt="pic">`);
    expect(html).toContain('alt="pic"');
    expect(html).not.toMatch(/src=|script:|data:/i);
  });

  it('removes javascript: and data: from Markdown links and images', () => {
    const html = article('[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,hi) ![d](javascript:alert(1)) ![e](data:image/png;base64,AAAA)');
    expect(html).not.toMatch(/href|src=|javascript|data:/i);
    expect(html).toContain('alt="d"');
  });

  it.each(KINDS)('removes javascript: links in every kind of text (%s)', (kind) => {
    expect(render(kind, '[x](javascript:alert(1))')).not.toMatch(/href|javascript/i);
  });

  it('removes elements outside the allow-list: svg, object, embed, forms', () => {
    const html = article('<svg onload="x()"><circle/></svg><object data="/x.swf"></object><embed src="/x.swf"><form action="/x"><input name="q"></form>');
    expect(html).not.toMatch(/<(svg|circle|object|embed|form|input)\b/);
  });
});

describe('createMarkdownRenderer: embeds', () => {
  const iframe = (src: string, extra = ''): string => `<iframe src="${src}"${extra}></iframe>`;

  it('keeps an https iframe from an allowed host, sandboxed and lazy', () => {
    const html = article(iframe(`https://${EMBED_HOST}/embed/abc`, ' title="Harbour tour"'));
    expect(html).toContain(`src="https://${EMBED_HOST}/embed/abc"`);
    expect(html).toContain('title="Harbour tour"');
    expect(html).toContain('sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('referrerpolicy="strict-origin-when-cross-origin"');
  });

  it('gives an allowed iframe without a title one that names the host', () => {
    expect(article(iframe('https://player.vimeo.com/video/1'))).toContain('title="Embedded content from player.vimeo.com"');
  });

  it('matches allowed hosts whatever their case', () => {
    expect(article(iframe('https://WWW.YouTube-NoCookie.com/embed/abc'))).toContain('<iframe');
  });

  it('keeps an allowed iframe nested inside other markup', () => {
    expect(article(`<div>${iframe(`https://${EMBED_HOST}/embed/abc`)}</div>`)).toMatch(/<div><iframe [^>]*sandbox=/);
  });

  it('drops dangerous iframe attributes and content, even from an allowed host', () => {
    const html = article(`<iframe src="https://${EMBED_HOST}/embed/abc" srcdoc="<script>x()</script>" allow="camera" onload="x()">fallback</iframe>`);
    expect(html).toContain('<iframe');
    expect(html).not.toMatch(/srcdoc|allow="camera"|onload|fallback|x\(\)/);
  });

  it.each([
    ['plain http', `http://${EMBED_HOST}/embed/abc`],
    ['another host', 'https://evil.example/embed/abc'],
    ['a look-alike host', `https://${EMBED_HOST}.evil.example/embed/abc`],
    ['a subdomain of an allowed host', `https://ads.${EMBED_HOST}/x`],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a protocol-relative URL', `//${EMBED_HOST}/embed/abc`],
  ])('removes an iframe from %s', (_label, src) => {
    const html = article(`Before\n\n${iframe(src)}\n\nAfter`);
    expect(html).not.toContain('<iframe');
    expect(html).toContain('After');
  });

  it('removes an iframe with no src', () => {
    expect(article('<iframe srcdoc="hi"></iframe>')).not.toContain('<iframe');
  });

  it('removes every iframe when no hosts are allowed', () => {
    const strict = createMarkdownRenderer({ embedHosts: [] });
    expect(strict('article', iframe(`https://${EMBED_HOST}/embed/abc`))).not.toContain('<iframe');
  });

  it.each(['comment', 'bio'] as const)('never embeds iframes in a %s, even from an allowed host', (kind) => {
    expect(render(kind, iframe(`https://${EMBED_HOST}/embed/abc`))).not.toContain('<iframe');
  });
});

describe('createMarkdownRenderer: comments and bios', () => {
  it('drops raw HTML tags in a comment instead of parsing them', () => {
    const html = comment('I <b>insist</b> <a href="https://spam.example">click</a> <img src="/x.png" alt="x">');
    expect(html).not.toMatch(/<b>|<img|spam\.example/);
    expect(html).toContain('insist');
  });

  it('drops Markdown images in a comment', () => {
    const html = comment('Look ![tracking pixel](https://evil.example/p.gif)');
    expect(html).not.toMatch(/<img|evil\.example/);
  });

  it('marks comment links rel="nofollow ugc"', () => {
    expect(comment('[my site](https://reader.example)')).toMatch(/<a href="https:\/\/reader\.example" rel="[^"]*\bnofollow ugc\b[^"]*">my site<\/a>/);
  });

  it('renders no headings or tables in a comment', () => {
    const html = comment('# Shouting\n\n| a |\n|---|\n| 1 |\n');
    expect(html).not.toMatch(/<h[1-6]|<table/);
    expect(html).toContain('Shouting');
  });

  it('keeps formatting and plain links in a bio, without rel="nofollow"', () => {
    const html = bio('We **report** daily. [Contact us](https://example.org/contact).');
    expect(html).toContain('<strong>report</strong>');
    expect(html).toContain('<a href="https://example.org/contact">Contact us</a>');
  });

  it('drops images and raw HTML in a bio', () => {
    const html = bio('![logo](/images/logo.png) <b>bold</b>');
    expect(html).not.toMatch(/<img|<b>/);
  });

  it('adds no paragraph break markers outside articles', () => {
    expect(comment('One\n\nTwo')).not.toContain(BREAK_MARKER);
    expect(bio('One\n\nTwo')).not.toContain(BREAK_MARKER);
  });
});

describe('createMarkdownRenderer: headings', () => {
  it('shifts an outline that starts at h1 down so the highest is h2', () => {
    expect(headings(article('# Top\n\ntext\n\n## Sub\n\n### Subsub'))).toEqual(['h2', 'h3', 'h4']);
  });

  it('shifts an outline that starts at h3 up so the highest is h2', () => {
    expect(headings(article('### Top\n\ntext\n\n#### Sub'))).toEqual(['h2', 'h3']);
  });

  it('uses the highest heading anywhere in the body, not the first', () => {
    expect(headings(article('### Early\n\ntext\n\n# Late'))).toEqual(['h4', 'h2']);
  });

  it('leaves an outline that already starts at h2 alone', () => {
    expect(headings(article('## A\n\n### B\n\n## C'))).toEqual(['h2', 'h3', 'h2']);
  });

  it('never goes below h6', () => {
    expect(headings(article('# A\n\n###### F'))).toEqual(['h2', 'h6']);
  });

  it('shifts raw HTML headings too', () => {
    expect(headings(article('<h1>Raw</h1>\n\n## Sub'))).toEqual(['h2', 'h3']);
  });
});

describe('createMarkdownRenderer: paragraph break markers', () => {
  const breaksAfter = (html: string): string[] =>
    html.split(BREAK_MARKER).slice(0, -1).map((chunk) => chunk.trim().split('\n').at(-1)!);

  it('marks a paragraph followed by another paragraph, and the last paragraph', () => {
    expect(breaksAfter(article('One\n\nTwo'))).toEqual(['<p>One</p>', '<p>Two</p>']);
  });

  it('marks a paragraph followed by a heading', () => {
    expect(breaksAfter(article('One\n\n## Next part\n\nTwo'))).toEqual(['<p>One</p>', '<p>Two</p>']);
  });

  it('does not mark a paragraph that introduces a list, table or quotation', () => {
    const html = article('The main points are:\n\n- a\n- b\n\nFigures:\n\n| a |\n|---|\n| 1 |\n\nShe said:\n\n> Quoted.\n\nClosing.');
    expect(breaksAfter(html)).toEqual(['<p>Closing.</p>']);
  });

  it('does not mark paragraphs nested in a quotation or list', () => {
    const html = article('> Quoted one.\n>\n> Quoted two.\n\n- item one\n\n- item two\n');
    expect(html).not.toContain(BREAK_MARKER);
  });

  it('writes the marker as an HTML comment right after the paragraph', () => {
    expect(article('Only.')).toBe(`<p>Only.</p>${BREAK_MARKER}`);
  });
});

describe('footnotes and in-page links', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });

  it('links each footnote reference to its note and back, through the sanitizer’s id prefix', () => {
    const html = render('article', 'A claim.[^1]\n\n[^1]: The evidence.\n');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBe(2);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const href of hrefs) expect(ids).toContain(href);
    expect(ids.every((id) => id!.startsWith('user-content-') && !id!.startsWith('user-content-user-content-'))).toBe(true);
  });

  it('leaves a link with a malformed escape as it is, rather than stopping the build', () => {
    expect(render('article', 'See [below](#%E0).\n')).toContain('href="#%E0"');
  });
});
