import { describe, expect, it } from 'vitest';
import { redirectsFile, toRedirects } from '#lib/outputs/redirects.ts';

const article = (slug: string, legacyUrl?: string, section = 'world') => ({ slug, section, legacyUrl, file: `articles/2026/${slug}.md` });

describe('toRedirects', () => {
  it('redirects the old path, without query or fragment, to the permalink', () => {
    expect(toRedirects([article('accord', 'https://old.example/2019/05/03/accord/?utm=x#top')])).toEqual({
      rules: ['/2019/05/03/accord/ /world/accord/ 301'],
      problems: [],
    });
  });

  it('keeps the old path percent-encoded, as hosts compare it', () => {
    expect(toRedirects([article('cafe', 'https://old.example/2019/caf%C3%A9 owners/')]).rules).toEqual([
      '/2019/caf%C3%A9%20owners/ /world/cafe/ 301',
    ]);
  });

  it('makes no rule for articles without a legacyUrl, for the home page, or for a path that is already the permalink', () => {
    const articles = [
      article('a'),
      article('b', 'https://old.example/?p=12'),
      article('c', 'https://old.example/world/c'),
      article('d', 'https://old.example/world/d/'),
    ];
    expect(toRedirects(articles)).toEqual({ rules: [], problems: [] });
  });

  it('gives an old path to the first article only, and says so', () => {
    const { rules, problems } = toRedirects([article('first', 'https://old.example/same/'), article('second', 'https://old.example/same')]);
    expect(rules).toEqual(['/same/ /world/first/ 301']);
    expect(problems).toEqual([
      'articles/2026/second.md: the old path /same already redirects to /world/first/, so it gets no second redirect',
    ]);
  });

  it('refuses paths the redirect files would read as patterns', () => {
    const { rules, problems } = toRedirects([article('x', 'https://old.example/news/:id/'), article('y', 'https://old.example/a*b/')]);
    expect(rules).toEqual([]);
    expect(problems).toHaveLength(2);
  });
});

describe('redirectsFile', () => {
  it("puts the outlet's own rules first, since the first match wins", () => {
    expect(redirectsFile('/old-feed /rss.xml 301\n', ['/a/ /world/a/ 301'])).toBe(
      '/old-feed /rss.xml 301\n\n# Old addresses of imported articles (legacyUrl), written by the Dateline build.\n/a/ /world/a/ 301\n',
    );
  });
});
