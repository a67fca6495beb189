import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { findBrokenLinks, linksInMarkdown, listPublicFiles, sitePaths } from '#lib/archive/internal-links.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import siteConfig from '../../site.config.ts';
import { DAY, makeArticle, makeContent, makeDesk, makeSite, PUBLISHED_MS } from './factories.ts';

const ROOT = join(import.meta.dirname, '../..');
const NOW = PUBLISHED_MS + DAY;

describe('sitePaths', () => {
  const articles = Array.from({ length: 11 }, (_, i) => makeArticle({ slug: `story-${i}`, tags: ['Ferries'] }));
  const draft = makeArticle({ slug: 'secret-draft', draft: true });
  const archive = buildArchive(makeContent([...articles, draft]), NOW);
  const paths = sitePaths(archive, {
    pageSize: 5,
    publicFiles: ['/images/a.svg'],
    redirects: ['/2019/05/03/old-story/ /world/story-1/ 301'],
  });

  it('lists every page the routes make: articles, sections, desks, tags and their numbered pages, with feeds and fixed pages', () => {
    expect(paths).toContain('/world/story-0/');
    expect(paths).toContain('/world/');
    expect(paths).toContain('/world/page/2/');
    expect(paths).not.toContain('/world/page/3/');
    expect(paths).toContain('/business/');
    expect(paths).toContain('/desk/news-desk/');
    expect(paths).toContain('/tag/ferries/page/2/');
    expect(paths).toContain('/world/rss.xml');
    expect(paths).toContain('/desk/foreign-desk/rss.xml');
    for (const fixed of ['/', '/search/', '/comments/thanks/', '/rss.xml', '/news-sitemap.xml', '/robots.txt', '/sitemap-index.xml'])
      expect(paths).toContain(fixed);
  });

  it('adds public files and the old addresses that redirect, and leaves drafts out', () => {
    expect(paths).toContain('/images/a.svg');
    expect(paths).toContain('/2019/05/03/old-story/');
    expect(paths).not.toContain('/world/secret-draft/');
  });
});

describe('listPublicFiles', () => {
  it('lists the files of public/ as site paths, in subfolders too', () => {
    const files = listPublicFiles(join(ROOT, 'public'));
    expect(files).toContain('/logo.png');
    expect(files).toContain('/images/desk-news.svg');
    expect(files).not.toContain('/images');
  });

  it('lists nothing for a folder that does not exist', () => {
    expect(listPublicFiles(join(ROOT, 'no-such-folder'))).toEqual([]);
  });
});

describe('linksInMarkdown', () => {
  it('finds inline links and images, reference definitions, autolinks, HTML href and src, and bare addresses, with their lines', () => {
    const markdown = [
      'See [the story](/world/a/ "A title") and ![a map](/images/map.svg).', // 1
      '[ref]: /world/b/', // 2
      'Mail <https://news.example/c/> or <a href="/d/">d</a> <img src=\'/e.png\' alt=""> <iframe src=/f/></iframe>', // 3
      'Bare https://news.example/g/. And [angle](</h i/>).', // 4
    ].join('\n');
    expect(linksInMarkdown(markdown)).toEqual([
      { url: '/world/a/', line: 1 },
      { url: '/images/map.svg', line: 1 },
      { url: '/world/b/', line: 2 },
      { url: 'https://news.example/c/', line: 3 },
      { url: '/d/', line: 3 },
      { url: '/e.png', line: 3 },
      { url: '/f/', line: 3 },
      { url: 'https://news.example/g/', line: 4 },
      { url: '/h i/', line: 4 },
    ]);
  });

  it('ignores code spans, fenced and indented code blocks, HTML comments and footnote definitions, keeping line numbers', () => {
    const markdown = [
      'Use `[x](/code-span/)` here.', // 1
      '```md', // 2
      '[x](/fenced/)', // 3
      '```', // 4
      '~~~', // 5
      '<a href="/tilde-fenced/">', // 6
      '~~~', // 7
      '', // 8
      '    [x](/indented/)', // 9
      '', // 10
      '<!-- [x](/commented/) -->', // 11
      '[^1]: A footnote, not an address.', // 12
      '- A list item', // 13
      '', // 14
      '    [continued](/list-continuation/)', // 15
      'Last [x](/last/).', // 16
    ].join('\n');
    expect(linksInMarkdown(markdown)).toEqual([
      { url: '/list-continuation/', line: 15 },
      { url: '/last/', line: 16 },
    ]);
  });

  it('counts a link whose text is its own address once', () => {
    expect(linksInMarkdown('[https://news.example/a/](https://news.example/a/)')).toEqual([{ url: 'https://news.example/a/', line: 1 }]);
  });
});

describe('findBrokenLinks', () => {
  const files = new Map<string, string>();
  const article = (slug: string, body: string, extra: Parameters<typeof makeArticle>[0] = {}) => {
    const path = `/virtual/articles/2026/${slug}.md`;
    files.set(path, `---\ntitle: ${slug}\nsection: world\n---\n\n${body}`);
    return makeArticle({ slug, path, file: `content/articles/2026/${slug}.md`, ...extra });
  };
  const body = [
    'Good: [a](/world/other/), [no slash](/world/other), [fragment](/world/other/#section), [query](/search/?q=ferry),', // line 6
    '[own origin](https://news.example/business/), [http](http://news.example/desk/news-desk/), [index](/world/other/index.html),',
    '[relative](../other/), [feed](/world/rss.xml), [file](/images/a.svg), [sitemap](/sitemap-0.xml), [elsewhere](https://other.example/about/),',
    '[mail](mailto:desk@news.example), [top](#top), [tel](tel:+3531234567).',
    '',
    'Bad: [contact](/about/contact), [tips](https://news.example/tips), [draft](/world/secret/), [image](/images/gone.svg), [relative](other/).',
  ].join('\n');
  const content = makeContent(
    [
      article('linking', body, { image: { src: '/images/missing.jpg', alt: 'Missing' } }),
      article('other', 'Text.'),
      article('secret', 'Text.', { draft: true }),
    ],
    {
      desks: [
        makeDesk({
          slug: 'news-desk',
          file: 'content/desks/news-desk.md',
          avatar: '/images/a.svg',
          links: [
            { label: 'Tips', url: 'https://news.example/tips' },
            { label: 'Search', url: 'https://news.example/search/' },
          ],
          bio: 'Reach us via [contact](/about/contact).\n',
        }),
        makeDesk({ slug: 'foreign-desk' }),
      ],
    },
  );
  files.set(
    '/virtual/content/desks/news-desk.md',
    '---\nname: News\navatar: /images/a.svg\nlinks:\n  - label: Tips\n    url: https://news.example/tips\n  - label: Search\n    url: https://news.example/search/\n---\n\nReach us via [contact](/about/contact).\n',
  );
  files.set(
    'site.config.ts',
    "// Readers land on /comments/thanks/ by default.\nexport default defineSiteConfig({\n  url: 'https://news.example',\n  comments: { thanksUrl: '/thanks' },\n});\n",
  );
  const site = makeSite({
    url: 'https://news.example',
    comments: { thanksUrl: '/thanks' },
    logo: { src: '/logo.png', width: 600, height: 60 },
  });
  const read = (path: string): string => {
    const text = files.get(path);
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  };
  const problems = findBrokenLinks({
    archive: buildArchive(content, NOW),
    site,
    pageSize: 20,
    publicFiles: ['/images/a.svg', '/logo.png'],
    contentDir: '/virtual/content',
    readFile: read,
  });
  const messageFor = (url: string): string =>
    `the link to "${url}" leads to no page of this site: point it at a page that exists, or remove it`;

  it('reports each link in a body that leads nowhere, with the file line, and nothing else', () => {
    expect(problems.filter((p) => p.file === 'content/articles/2026/linking.md')).toEqual([
      { file: 'content/articles/2026/linking.md', line: 11, message: messageFor('/about/contact') },
      { file: 'content/articles/2026/linking.md', line: 11, message: messageFor('https://news.example/tips') },
      { file: 'content/articles/2026/linking.md', line: 11, message: messageFor('/world/secret/') },
      { file: 'content/articles/2026/linking.md', line: 11, message: messageFor('/images/gone.svg') },
      {
        file: 'content/articles/2026/linking.md',
        line: 11,
        message:
          'the link to "other/", that is /world/linking/other/, leads to no page of this site: point it at a page that exists, or remove it',
      },
      { file: 'content/articles/2026/linking.md', field: 'image.src', message: messageFor('/images/missing.jpg') },
    ]);
  });

  it('reports desk links and bio links, with the field or line', () => {
    expect(problems.filter((p) => p.file === 'content/desks/news-desk.md')).toEqual([
      { file: 'content/desks/news-desk.md', line: 6, field: 'links.0.url', message: messageFor('https://news.example/tips') },
      { file: 'content/desks/news-desk.md', line: 11, message: messageFor('/about/contact') },
    ]);
  });

  it('reports site config addresses that lead nowhere, and accepts the ones that do', () => {
    expect(problems.filter((p) => p.file === 'site.config.ts')).toEqual([
      { file: 'site.config.ts', line: 4, field: 'comments.thanksUrl', message: messageFor('/thanks') },
    ]);
  });

  it('checks 10,000 articles in one quick pass', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => {
      const path = `/virtual/many/${i}.md`;
      files.set(
        path,
        `---\ntitle: t\n---\n\nSee [the last](/world/story-${i - 1}/) and [a gap](/world/gone-${i}/) and \`[code](/x/)\`.\n${'Plain text of the story. '.repeat(80)}\n`,
      );
      return makeArticle({ slug: `story-${i}`, path, file: `many/${i}.md` });
    });
    const started = performance.now();
    const found = findBrokenLinks({ archive: buildArchive(makeContent(many), NOW), site: makeSite(), readFile: read, configFile: 'none' });
    const ms = performance.now() - started;
    expect(found).toHaveLength(10_001); // each gap, and story-0's link to story--1
    expect(ms).toBeLessThan(5_000);
  });
});

describe('the sample site', () => {
  it('has no internal link that leads nowhere', () => {
    const contentDir = join(ROOT, 'content');
    const content = loadContent(contentDir, { displayRoot: ROOT });
    const problems = findBrokenLinks({
      archive: buildArchive(content, Date.parse('2100-01-01T00:00:00Z')),
      site: parseSiteConfig(siteConfig),
      pageSize: 20,
      publicFiles: listPublicFiles(join(ROOT, 'public')),
      contentDir,
      configFile: join(ROOT, 'site.config.ts'),
    });
    expect(content.desks.flatMap((d) => d.links)).not.toHaveLength(0);
    expect(problems).toEqual([]);
  });
});
