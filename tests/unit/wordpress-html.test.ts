import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '#lib/render/markdown.ts';
import {
  autop,
  embedSource,
  expandShortcodes,
  htmlToText,
  wordpressToMarkdown,
  type WordPressHtmlOptions,
} from '#lib/import/wordpress-html.ts';

const EMBEDS = ['www.youtube-nocookie.com', 'player.vimeo.com'];
const options: WordPressHtmlOptions = {
  embedHosts: EMBEDS,
  attachments: new Map([
    ['101', { url: 'https://old.example/ferry.jpg', alt: 'The ferry', caption: 'At dawn' }],
    ['102', { url: 'https://old.example/pier.jpg', alt: '', caption: '' }],
  ]),
  childAttachments: ['102'],
};
const article = (html: string): string => wordpressToMarkdown(html, 'article', options).markdown;
const render = createMarkdownRenderer({ embedHosts: EMBEDS });

describe('autop (WordPress paragraphs)', () => {
  it('makes paragraphs of blank-line-separated text and <br> of single line breaks', () => {
    expect(autop('One\ntwo\n\nThree')).toBe('<p>One<br />\ntwo</p>\n<p>Three</p>\n');
  });

  it('never wraps block elements in paragraphs', () => {
    expect(autop('Intro\n<ul>\n<li>a</li>\n</ul>\nAfter')).toBe('<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<p>After</p>\n');
  });

  it('leaves <pre> exactly as it was, blank lines included', () => {
    expect(autop('<pre>a\n\n  b</pre>')).toBe('<pre>a\n\n  b</pre>\n');
  });

  it('does not break a tag whose attributes span lines', () => {
    expect(autop('<a\nhref="/x">link</a>')).toBe('<p><a href="/x">link</a></p>\n');
  });
});

describe('expandShortcodes', () => {
  const expand = (text: string, notes = new Set<string>()): string => expandShortcodes(text, options, notes);

  it('turns a caption into a figure with the image, its link and the caption', () => {
    expect(
      expand(
        '[caption id="attachment_1" width="300"]<a href="/big.jpg"><img src="/small.jpg" alt="Pier" /></a> The pier at <em>noon</em>.[/caption]',
      ),
    ).toBe(
      '<figure><a href="/big.jpg"><img src="/small.jpg" alt="Pier" /></a><figcaption>The pier at <em>noon</em>.</figcaption></figure>',
    );
  });

  it('reads the older caption="…" form too', () => {
    expect(expand('[caption caption="Old &amp; new"]<img src="/a.jpg" alt="A">[/caption]')).toBe(
      '<figure><img src="/a.jpg" alt="A"><figcaption>Old & new</figcaption></figure>',
    );
  });

  it('embeds YouTube and Vimeo through their players on allowed hosts, and links anything else', () => {
    const notes = new Set<string>();
    expect(expand('[embed]https://youtu.be/dQw4w9WgXcQ[/embed]')).toBe(
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Embedded content from www.youtube-nocookie.com" allowfullscreen></iframe>',
    );
    expect(expand('[embed]https://soundcloud.example/track/1[/embed]', notes)).toBe(
      '<p><a href="https://soundcloud.example/track/1">https://soundcloud.example/track/1</a></p>',
    );
    expect([...notes]).toEqual([
      'an embed from soundcloud.example became a link (add its host to embedHosts in site.config.ts to embed it)',
    ]);
  });

  it("shows a gallery as figures of its attachments, by ids or, without them, the post's own", () => {
    expect(expand('[gallery ids="101"]')).toBe(
      '<figure><img src="https://old.example/ferry.jpg" alt="The ferry"><figcaption>At dawn</figcaption></figure>',
    );
    const notes = new Set<string>();
    expect(expand('[gallery]', notes)).toBe('<figure><img src="https://old.example/pier.jpg" alt=""></figure>');
    expect([...notes]).toEqual(['a gallery image (https://old.example/pier.jpg) has no alt text in WordPress: describe it']);
  });

  it('removes unknown shortcodes with attributes or a closing tag, keeping enclosed text, and says so', () => {
    const notes = new Set<string>();
    expect(expand('A [contact-form-7 id="1"] B [highlight]kept[/highlight] C', notes)).toBe('A  B kept C');
    expect([...notes].sort()).toEqual([
      'removed the shortcode [contact-form-7] (Dateline has no equivalent)',
      'removed the shortcode [highlight], keeping its text (Dateline has no equivalent)',
    ]);
  });

  it('leaves bare bracketed words as text, and unescapes [[x]]', () => {
    expect(expand('He said [sic] and [1], and wrote [[caption]].')).toBe('He said [sic] and [1], and wrote [caption].');
  });

  it('links [video] and [audio] files', () => {
    expect(expand('[video mp4="https://old.example/clip.mp4"][/video]')).toBe(
      '<p><a href="https://old.example/clip.mp4">Video: https://old.example/clip.mp4</a></p>',
    );
  });
});

describe('embedSource', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=10'],
    ['https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?t=1m30s', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90'],
    ['http://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed&start=30', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30'],
    ['//www.youtube.com/embed/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtube.com/shorts/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://www.youtube.com/playlist?list=PLx0sYbCqOb8Q', 'https://www.youtube-nocookie.com/embed/videoseries?list=PLx0sYbCqOb8Q'],
    [
      'https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8Q',
      'https://www.youtube-nocookie.com/embed/videoseries?list=PLx0sYbCqOb8Q',
    ],
    ['https://www.youtube.com/channel/UCabc', 'https://www.youtube.com/channel/UCabc'],
    ['https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://example.com/x', 'https://example.com/x'],
  ])('maps %s', (url, src) => {
    expect(embedSource(url)).toBe(src);
  });
});

describe('wordpressToMarkdown', () => {
  it('converts WordPress text with no <p> into Markdown paragraphs and hard breaks', () => {
    expect(article('First line\nsecond line\n\nNext paragraph.')).toBe('First line\\\nsecond line\n\nNext paragraph.\n');
  });

  it('decodes entities into characters', () => {
    expect(article('It&#8217;s 5&nbsp;km &mdash; &amp; 3 &lt; 4 &#x2014; caf&eacute;')).toBe('It’s 5\u00a0km — & 3 < 4 — café\n');
  });

  it('keeps nested lists nested', () => {
    expect(article('<ul>\n<li>One\n<ul>\n<li>One a</li>\n</ul>\n</li>\n<li>Two</li>\n</ul>\n<ol><li>First</li></ol>')).toBe(
      '- One\n\n  - One a\n\n- Two\n\n1. First\n',
    );
  });

  it('keeps a caption as a figure the site renders', () => {
    const markdown = article('[caption]<img src="https://old.example/a.jpg" alt="Pier" width="800" height="450" /> The pier.[/caption]');
    expect(markdown).toBe(
      '<figure><img src="https://old.example/a.jpg" alt="Pier" width="800" height="450"><figcaption>The pier.</figcaption></figure>\n',
    );
    expect(render('article', markdown)).toContain(
      '<figure><img src="https://old.example/a.jpg" alt="Pier" width="800" height="450" loading="lazy" decoding="async"><figcaption>The pier.</figcaption></figure>',
    );
  });

  it('keeps iframes from allowed hosts and turns others into links', () => {
    const result = wordpressToMarkdown(
      '<iframe src="https://player.vimeo.com/video/1" width="640" height="360" frameborder="0"></iframe>\n\n<iframe src="https://maps.example/embed" title="Map of the harbour"></iframe>',
      'article',
      options,
    );
    expect(result.markdown).toBe(
      '<iframe src="https://player.vimeo.com/video/1" title="Embedded content from player.vimeo.com" width="640" height="360"></iframe>\n\n[Map of the harbour](https://maps.example/embed)\n',
    );
    expect(result.notes).toEqual(['an embed from maps.example became a link (add its host to embedHosts in site.config.ts to embed it)']);
  });

  describe('YouTube embeds', () => {
    const player = (id: string, extra = ''): string =>
      `<iframe src="https://www.youtube-nocookie.com/embed/${id}${extra}" title="Embedded content from www.youtube-nocookie.com"`;

    it('turns a youtube.com iframe, https, http or protocol-relative, into the nocookie player, keeping its size and start', () => {
      const result = wordpressToMarkdown(
        [
          '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=30" frameborder="0" allowfullscreen></iframe>',
          '<iframe src="http://www.youtube.com/embed/abcdefghijk"></iframe>',
          '<iframe src="//www.youtube.com/embed/ABCDEFGHIJK?rel=0"></iframe>',
        ].join('\n\n'),
        'article',
        options,
      );
      expect(result.markdown).toBe(
        [
          `${player('dQw4w9WgXcQ', '?start=30')} width="560" height="315" allowfullscreen></iframe>`,
          `${player('abcdefghijk')}></iframe>`,
          `${player('ABCDEFGHIJK')}></iframe>`,
        ].join('\n\n') + '\n',
      );
      expect(result.notes).toEqual([]);
    });

    it('embeds a YouTube address alone on its line or alone in a paragraph, and in [embed] and [youtube] shortcodes', () => {
      expect(article('Before\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nAfter')).toBe(
        `Before\n\n${player('dQw4w9WgXcQ')} allowfullscreen></iframe>\n\nAfter\n`,
      );
      expect(article('<p>Before</p>\n<p> https://www.youtube.com/watch?v=dQw4w9WgXcQ </p>')).toBe(
        `Before\n\n${player('dQw4w9WgXcQ')} allowfullscreen></iframe>\n`,
      );
      expect(article('[embed width="640"]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]')).toBe(
        `${player('dQw4w9WgXcQ')} allowfullscreen></iframe>\n`,
      );
      expect(article('[youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=45s]')).toBe(
        `${player('dQw4w9WgXcQ', '?start=45')} allowfullscreen></iframe>\n`,
      );
    });

    it('leaves a YouTube address inside a sentence as text', () => {
      const markdown = article('Watch https://youtu.be/dQw4w9WgXcQ now.');
      expect(markdown).toMatch(/^Watch https\\?:\/\/youtu\.be\/dQw4w9WgXcQ now\.\n$/);
    });

    it('embeds a YouTube iframe inside a figure, and links one from another host', () => {
      const result = wordpressToMarkdown(
        '<figure><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><figcaption>The launch</figcaption></figure>\n\n<figure><iframe src="https://maps.example/e" title="Map"></iframe></figure>',
        'article',
        options,
      );
      expect(result.markdown).toBe(
        `<figure>${player('dQw4w9WgXcQ')}></iframe><figcaption>The launch</figcaption></figure>\n\n<figure><a href="https://maps.example/e">Map</a></figure>\n`,
      );
      expect(result.notes).toEqual(['an embed from maps.example became a link (add its host to embedHosts in site.config.ts to embed it)']);
    });

    it('renders as an embedded player through the site pipeline', () => {
      const html = render('article', article('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315"></iframe>'));
      expect(html).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
      expect(html).toContain('sandbox=');
    });
  });

  describe('pictures', () => {
    it("lists the body's picture addresses once each, making the old site's paths absolute", () => {
      const result = wordpressToMarkdown(
        '<img src="https://old.example/a.jpg" alt="A"> <img src="/wp-content/uploads/b.png" alt="B"> <img src="https://old.example/a.jpg" alt="A again">\n\n[caption]<img src="/wp-content/uploads/c.jpg" alt="C"> C.[/caption]',
        'article',
        { ...options, baseUrl: 'https://old.example/blog/' },
      );
      expect(result.images).toEqual([
        'https://old.example/a.jpg',
        'https://old.example/wp-content/uploads/b.png',
        'https://old.example/wp-content/uploads/c.jpg',
      ]);
      expect(result.markdown).toBe(
        '![A](https://old.example/a.jpg) ![B](https://old.example/wp-content/uploads/b.png) ![A again](https://old.example/a.jpg)\n\n<figure><img src="https://old.example/wp-content/uploads/c.jpg" alt="C"><figcaption>C.</figcaption></figure>\n',
      );
    });

    it('lists none for a comment, which shows no pictures', () => {
      expect(wordpressToMarkdown('<img src="https://old.example/a.jpg" alt="A">', 'comment', options).images).toEqual([]);
    });
  });

  it('keeps tables, code blocks with blank lines, quotes and emphasis', () => {
    expect(
      article(
        '<blockquote>Quoted <em>text</em></blockquote>\n\n<table><tr><th>A</th></tr><tr><td>1</td></tr></table>\n\n<pre><code>a\n\nb</code></pre>',
      ),
    ).toBe('> Quoted _text_\n\n| A |\n| - |\n| 1 |\n\n```\na\n\nb\n```\n');
  });

  describe('on hostile HTML', () => {
    const hostile = [
      '<p>Text<script>alert(1)</script></p>',
      '<p onmouseover="alert(2)">Hover</p>',
      '<img src="x" onerror="alert(3)" alt="x">',
      '<a href="javascript:alert(4)">a</a> <a href="JaVaScRiPt&#58;alert(5)">b</a> <a href=" java\tscript:alert(6)">c</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a> <img src="data:image/svg+xml,<svg onload=alert(7)>" alt="e">',
      '<style>body{display:none}</style><iframe srcdoc="<script>alert(8)</script>"></iframe><iframe src="javascript:alert(9)"></iframe>',
      '<svg onload="alert(10)"></svg><object data="x.swf"></object><embed src="y.swf"><form action="https://evil.example"><input name="p"></form>',
      '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(11)></style></mglyph></table></mtext></math>',
      '<div style="position:fixed">Styled</div><a href="https://ok.example" target="_blank" rel="opener">ok</a>',
    ].join('\n\n');
    const result = wordpressToMarkdown(hostile, 'article', options);

    it('leaves no script, handler, dangerous URL or active element in the Markdown', () => {
      expect(result.markdown).not.toMatch(
        /script|alert|onerror|onload|onmouseover|javascript|data:|srcdoc|<iframe|<object|<embed|<form|<meta|<base|<svg|<style|style=/i,
      );
    });

    it('keeps the harmless text and links', () => {
      expect(result.markdown).toContain('Hover');
      expect(result.markdown).toContain('Styled');
      expect(result.markdown).toContain('[ok](https://ok.example)');
    });

    it('renders through the site pipeline with nothing active', () => {
      expect(render('article', result.markdown)).not.toMatch(/<script|\son\w+=|javascript:|<iframe|<object|<embed|<form/i);
    });

    it('tells the editor what was removed', () => {
      expect(result.notes).toEqual(
        expect.arrayContaining([
          'removed <script> and its content',
          'removed event-handler attributes (onclick, onerror, …)',
          'removed an unsafe link (javascript:…)',
          'removed <form> (kept any text inside)',
        ]),
      );
    });
  });

  it('converts comments with the comment allow-list: no images, no raw HTML', () => {
    const result = wordpressToMarkdown(
      'Nice.\n<img src="https://t.example/p.gif"><a href="https://x.example" onclick="x()">link</a><h2>Shout</h2>',
      'comment',
      options,
    );
    expect(result.markdown).toBe('Nice.\\\n[link](https://x.example)\n\nShout\n');
    expect(result.markdown).not.toMatch(/<|onclick|!\[/);
  });
});

describe('htmlToText', () => {
  it('decodes entities, drops tags and collapses spaces', () => {
    expect(htmlToText('Harbour &amp; ferry <b>talks</b>\n resume &#8211; &#8220;at last&#8221;')).toBe(
      'Harbour & ferry talks resume – “at last”',
    );
  });
});
