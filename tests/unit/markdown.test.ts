import { readFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { BREAK_MARKER, createMarkdownRenderer, quoteMarker, type MarkdownKind } from '#lib/render/markdown.ts';

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
    const html = article(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,hi) ![d](javascript:alert(1)) ![e](data:image/png;base64,AAAA)',
    );
    expect(html).not.toMatch(/href|src=|javascript|data:/i);
    expect(html).toContain('alt="d"');
  });

  it.each(KINDS)('removes javascript: links in every kind of text (%s)', (kind) => {
    expect(render(kind, '[x](javascript:alert(1))')).not.toMatch(/href|javascript/i);
  });

  it('removes elements outside the allow-list: svg, object, embed, forms', () => {
    const html = article(
      '<svg onload="x()"><circle/></svg><object data="/x.swf"></object><embed src="/x.swf"><form action="/x"><input name="q"></form>',
    );
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
    const html = article(
      `<iframe src="https://${EMBED_HOST}/embed/abc" srcdoc="<script>x()</script>" allow="camera" onload="x()">fallback</iframe>`,
    );
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
    expect(comment('[my site](https://reader.example)')).toMatch(
      /<a href="https:\/\/reader\.example" rel="[^"]*\bnofollow ugc\b[^"]*">my site<\/a>/,
    );
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
    html
      .split(BREAK_MARKER)
      .slice(0, -1)
      .map((chunk) => chunk.trim().split('\n').at(-1)!);

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

describe('heading ids and in-page links', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });
  /** Every id in the HTML, and every in-page link's target. */
  const targets = (html: string): { ids: string[]; fragments: string[] } => {
    const root = parse(html);
    return {
      ids: root.querySelectorAll('[id]').map((el) => el.id),
      fragments: root.querySelectorAll('a[href^="#"]').map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))),
    };
  };

  it('gives each heading a GitHub-style id from its words, behind the clobber prefix', () => {
    const html = render('article', '## What was agreed\n\ntext\n\n### Who pays, and when?');
    expect(html).toContain('<h2 id="user-content-what-was-agreed">What was agreed</h2>');
    expect(html).toContain('<h3 id="user-content-who-pays-and-when">Who pays, and when?</h3>');
  });

  it('keeps heading ids unique: a repeated heading, and a heading named like a writer’s own anchor', () => {
    const { ids } = targets(render('article', '<a id="details"></a>\n\n## Details\n\n## Details'));
    expect(ids).toEqual(['user-content-details', 'user-content-details-1', 'user-content-details-2']);
  });

  it('takes heading ids from the words as written, before typography curls their quotes', () => {
    expect(render('article', '## The "hybrid" links')).toContain('id="user-content-the-hybrid-links"');
  });

  it('resolves every in-page link of an imported body to an element id in that body', () => {
    const html = render('article', readFileSync('tests/fixtures/bodies/in-page-links.md', 'utf8'));
    const { ids, fragments } = targets(html);
    expect(fragments.length).toBeGreaterThanOrEqual(8);
    for (const fragment of fragments) expect(ids, `#${fragment}`).toContain(fragment);
    // Imported <a name> targets become ids, and the links to them follow.
    expect(html).toContain('<a id="user-content-budget-table"></a>');
    expect(html).toContain('<a id="user-content-top"></a>');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['an id', '<h2 id="__proto__">Proto</h2>'],
    ['an id on any element', '<p id="getElementById">Text</p>'],
    ['a name on a link', '<a name="forms">Forms</a>'],
    ['a name on an image', '<img name="cookie" src="/a.png" alt="a">'],
    ['a heading’s words', '## Forms'],
  ])('keeps a hostile %s from clobbering the page’s DOM', (_label, body) => {
    const root = parse(render('article', `Before.\n\n${body}\n\nAfter.`));
    const named = root.querySelectorAll('[id], [name]');
    expect(named.length + root.querySelectorAll('img').length).toBeGreaterThan(0);
    for (const el of named) {
      expect(el.getAttribute('name')).toBeUndefined();
      expect(el.id).toMatch(/^user-content-/);
    }
  });

  it('leaves a link to a target the body lacks as written', () => {
    expect(render('article', '[Top of page](#top)')).toContain('href="#top"');
  });
});

describe('comment links without an address', () => {
  it('unwraps a link whose href the sanitizer removed, keeping its text and no rel', () => {
    const html = comment('Visit [my page](javascript:alert(1)) or [this](https://reader.example).');
    expect(html).toBe('<p>Visit my page or <a href="https://reader.example" rel="nofollow ugc noopener">this</a>.</p>');
  });

  it('leaves no <a> without href carrying rel, however the link was hidden', () => {
    const html = comment('[*a*](vbscript:x) [b](data:text/html,x) <a href="https://x.example">raw</a>');
    expect(parse(html).querySelectorAll('a:not([href])')).toHaveLength(0);
    expect(html).not.toMatch(/rel=/);
    expect(html).toContain('<em>a</em>');
  });
});

describe('typography', () => {
  const en = createMarkdownRenderer({ embedHosts: [], language: 'en-GB' });
  const de = createMarkdownRenderer({ embedHosts: [], language: 'de-DE' });
  const fr = createMarkdownRenderer({ embedHosts: [], language: 'fr' });

  it('curls quotes and apostrophes and sets dashes and ellipses in body text', () => {
    expect(en('article', "He said \"it's the '80s -- and 'quotes' --- really\"...")).toBe(
      `<p>He said “it’s the ’80s – and ‘quotes’ — really”…</p>${BREAK_MARKER}`,
    );
  });

  it('pairs a quote that opens before emphasis or a link and closes after it', () => {
    expect(en('article', '"*Never*," she said, "[this](/x/)".')).toContain('“<em>Never</em>,” she said, “<a href="/x/">this</a>”.');
  });

  it('leaves code, preformatted text and keyboard input as written', () => {
    const html = en('article', 'Type `"q" -- \'x\'` or <kbd>"Ctrl"</kbd>.\n\n```\nprint("it\'s") -- done...\n```');
    expect(html).toContain('<code>"q" -- \'x\'</code>');
    expect(html).toContain('<kbd>"Ctrl"</kbd>');
    expect(html).toContain('print("it\'s") -- done...');
  });

  it('never changes attribute values or a link whose text is its address', () => {
    const html = en('article', '![A "quoted" -- alt](/a.png "It\'s a title") <https://a--b.example/it\'s> <abbr title="Don\'t">DT</abbr>');
    const root = parse(html);
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('A "quoted" -- alt');
    expect(root.querySelector('img')!.getAttribute('title')).toBe("It's a title");
    expect(root.querySelector('a')!.getAttribute('href')).toBe("https://a--b.example/it's");
    expect(root.querySelector('a')!.text).toBe("https://a--b.example/it's");
    expect(root.querySelector('abbr')!.getAttribute('title')).toBe("Don't");
  });

  it('keeps characters SmartyPants would read as markup or escapes', () => {
    expect(en('article', 'Profit &amp; loss: 3 < 4 > 2, C:\\\\temp\\\\"x" &#8220;kept&#8221;')).toContain(
      'Profit &#x26; loss: 3 &#x3C; 4 > 2, C:\\temp\\”x” “kept”',
    );
  });

  it('uses German quotation marks for a German site, telling apostrophes from closing quotes', () => {
    expect(de('article', "Sie sagte: \"Das geht's nicht 'so' weiter\" -- Hans' Bruder.")).toContain(
      'Sie sagte: „Das geht’s nicht ‚so‘ weiter“ – Hans’ Bruder.',
    );
  });

  it('uses guillemets with thin spaces for a French site, keeping the apostrophe', () => {
    expect(fr('article', "Il a dit \"l'eau est 'froide'\" hier.")).toContain('Il a dit «\u202Fl’eau est “froide”\u202F» hier.');
  });

  it('leaves quotation marks the writer typed alone, in any language', () => {
    expect(de('article', 'Er sagte „ja“.')).toContain('Er sagte „ja“.');
  });

  it('smartens bios but leaves a reader’s comment as typed', () => {
    expect(en('bio', 'We\'re the "news" desk.')).toBe('<p>We’re the “news” desk.</p>');
    expect(en('comment', 'We\'re the "news" desk.')).toBe('<p>We\'re the "news" desk.</p>');
  });

  it('defaults to English marks when no language is given', () => {
    expect(render('article', '"Yes"')).toContain('“Yes”');
  });
});

describe('pull quote markers', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });

  it('keeps a line of only <!-- quote n --> as a placement marker, whatever its spacing and case', () => {
    const html = render('article', 'One.\n\n<!-- quote 2 -->\n\nTwo.\n<!--QUOTE  1-->\nThree.');
    expect(html).toContain(`<p>One.</p>${BREAK_MARKER}\n${quoteMarker(2)}\n<p>Two.</p>`);
    expect(html).toContain(quoteMarker(1));
  });

  it('drops every other comment, a marker inside a paragraph, and a forged break marker', () => {
    const html = render(
      'article',
      'Text <!-- quote 1 --> inline.\n\n<!-- a note to the editor -->\n\n<!--dl:break-->\n\n<div><!-- quote 2 --></div>\n\nEnd.',
    );
    expect(html).not.toMatch(/quote|editor/);
    // Only the pipeline's own marker, after the last paragraph.
    expect(html.split(BREAK_MARKER)).toHaveLength(2);
    expect(html).toMatch(/<p>End\.<\/p><!--dl:break-->$/);
  });

  it('still sanitizes the HTML between markers', () => {
    const html = render('article', '<script>alert(1)</script>\n\n<!-- quote 1 -->\n\n<img src="x" onerror="alert(2)" alt="x">');
    expect(html).not.toMatch(/script|onerror|alert/);
    expect(html).toContain(quoteMarker(1));
  });

  it('is not a marker in a bio or a comment', () => {
    expect(render('bio', 'Bio.\n\n<!-- quote 1 -->')).not.toContain('quote');
    expect(render('comment', 'Hi.\n\n<!-- quote 1 -->')).not.toContain('quote');
  });
});
