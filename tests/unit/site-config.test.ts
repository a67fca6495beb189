import { describe, expect, it } from 'vitest';
import { defineSiteConfig, parseSiteConfig, type SiteConfigInput } from '../../src/lib/site-config.ts';

const good: SiteConfigInput = {
  name: 'The Harbour Dispatch',
  url: 'https://harbourdispatch.example',
  language: 'en-GB',
  description: 'Independent news from the harbour city.',
  timeZone: 'Europe/Dublin',
  pageSize: 20,
  embedHosts: ['www.youtube-nocookie.com'],
};

/** The error message parseSiteConfig throws for the good config with `changes`. */
function problemsWith(changes: Record<string, unknown>): string {
  try {
    parseSiteConfig({ ...good, ...changes });
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected parseSiteConfig to throw');
}

describe('parseSiteConfig', () => {
  it('accepts a good config and defaults embedHosts to none', () => {
    expect(parseSiteConfig(good)).toEqual(good);
    const { embedHosts: _, ...withoutHosts } = good;
    expect(parseSiteConfig(withoutHosts).embedHosts).toEqual([]);
  });

  it('accepts an origin with a trailing slash', () => {
    expect(parseSiteConfig({ ...good, url: 'https://harbourdispatch.example/' }).url).toBe('https://harbourdispatch.example/');
  });

  it('rejects a url with a path, naming the key and the fix', () => {
    expect(problemsWith({ url: 'https://harbourdispatch.example/news' })).toBe(
      'site.config.ts has problems:\n  url: must be an origin with no path, such as "https://news.example"',
    );
  });

  it('rejects a url that is not a web address, naming the key', () => {
    expect(problemsWith({ url: 'ftp://harbourdispatch.example' })).toMatch(/^ {2}url: /m);
  });

  it('rejects a url without a scheme with a readable message, not a crash', () => {
    expect(problemsWith({ url: 'harbourdispatch.example' })).toMatch(/^site\.config\.ts has problems:\n {2}url: /);
  });

  it('rejects a time zone that is not an IANA zone, naming the key', () => {
    expect(problemsWith({ timeZone: 'Harbour/Standard' })).toBe(
      'site.config.ts has problems:\n  timeZone: is not an IANA time zone such as "Europe/Dublin"',
    );
  });

  it.each([4, 201, 12.5, '20'])('rejects a pageSize of %j, naming the key', (pageSize) => {
    expect(problemsWith({ pageSize })).toMatch(/^site\.config\.ts has problems:\n {2}pageSize: .+$/);
  });

  it('accepts the smallest and largest page sizes', () => {
    expect(parseSiteConfig({ ...good, pageSize: 5 }).pageSize).toBe(5);
    expect(parseSiteConfig({ ...good, pageSize: 200 }).pageSize).toBe(200);
  });

  it('rejects a bad language tag and embed hosts given as URLs, naming each key', () => {
    const message = problemsWith({ language: 'English', embedHosts: ['https://www.youtube-nocookie.com'] });
    expect(message).toMatch(/^ {2}language: /m);
    expect(message).toMatch(/^ {2}embedHosts\.0: /m);
  });

  it('lists every bad key at once', () => {
    const message = problemsWith({ url: 'https://x.example/a', timeZone: 'Nowhere', pageSize: 0, name: '' });
    expect(message.split('\n').slice(1).map((line) => line.trim().split(':')[0]).sort()).toEqual(['name', 'pageSize', 'timeZone', 'url']);
  });

  it('rejects an unknown key', () => {
    expect(problemsWith({ pagesize: 20 })).toMatch(/pagesize/);
  });

  it('names the config file given', () => {
    expect(() => parseSiteConfig({}, 'outlet.config.ts')).toThrow(/^outlet\.config\.ts has problems:/);
  });
});

describe('defineSiteConfig', () => {
  it('returns the config unchanged', () => {
    expect(defineSiteConfig(good)).toBe(good);
  });
});
