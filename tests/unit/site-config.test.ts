import { describe, expect, it } from 'vitest';
import {
  defineSiteConfig,
  isFormEndpoint,
  parseSiteConfig,
  withCommentsEndpoint,
  withWebsubHub,
  type SiteConfigInput,
} from '#lib/content/site-config.ts';

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
    const { comments: _comments, ...parsed } = parseSiteConfig(good);
    expect(parsed).toEqual({ ...good, strictLinks: false, shareCards: { days: 7 } });
    const { embedHosts: _, ...withoutHosts } = good;
    expect(parseSiteConfig(withoutHosts).embedHosts).toEqual([]);
  });

  it('gives recent stories their own share card, for 7 days before the newest story unless told a number of days or "all"', () => {
    expect(parseSiteConfig({ ...good, shareCards: { days: 30 } }).shareCards).toEqual({ days: 30 });
    expect(parseSiteConfig({ ...good, shareCards: { days: 'all' } }).shareCards).toEqual({ days: 'all' });
    expect(problemsWith({ shareCards: { days: -1 } })).toMatch(/shareCards\.days:/);
    expect(problemsWith({ shareCards: { days: 'some' } })).toMatch(/shareCards\.days:/);
  });

  it('takes the editor’s Git host with its sign-in settings, and names a bad one', () => {
    const editor = { backend: 'github', repo: 'harbour/site', siteDomain: 'harbour-dispatch.netlify.app' };
    expect(parseSiteConfig({ ...good, editor }).editor).toEqual({ ...editor, branch: 'main' });
    expect(problemsWith({ editor: { ...editor, siteDomain: 'https://harbour.netlify.app/' } })).toBe(
      'site.config.ts has problems:\n  editor.siteDomain: must be a domain name, like "harbour-dispatch.netlify.app"',
    );
    expect(problemsWith({ editor: { backend: 'gitlab', repo: 'harbour/site', baseUrl: 'http://git.example' } })).toMatch(
      /editor\.baseUrl:/,
    );
  });

  it('takes an optional deploy target for npm run deploy, and names a bad key', () => {
    const deploy = { bucket: 'news-site', endpoint: 'https://account.r2.cloudflarestorage.com', region: 'auto' };
    expect(parseSiteConfig({ ...good, deploy }).deploy).toEqual(deploy);
    expect(parseSiteConfig({ ...good, deploy: { bucket: 'news-site' } }).deploy).toEqual({ bucket: 'news-site' });
    expect(parseSiteConfig(good).deploy).toBeUndefined();
    expect(problemsWith({ deploy: { bucket: 'news site' } })).toBe(
      'site.config.ts has problems:\n  deploy.bucket: must be a bucket name, like "news-site"',
    );
    expect(problemsWith({ deploy: { bucket: 'news-site', endpoint: 'ftp://x.example' } })).toMatch(
      /deploy\.endpoint: must be the http\(s\):\/\/ address of the S3 API/,
    );
    expect(problemsWith({ deploy: { endpoint: 'https://x.example' } })).toMatch(/deploy\.bucket:/);
    expect(problemsWith({ deploy: { bucket: 'news-site', secret: 'x' } })).toMatch(/deploy: Unrecognized key/i);
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
    expect(
      message
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(':')[0])
        .sort(),
    ).toEqual(['name', 'pageSize', 'timeZone', 'url']);
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

describe('comments in the site config', () => {
  it('has no endpoint, no closing time and the usual field names unless configured', () => {
    expect(parseSiteConfig(good).comments).toEqual({
      thanksUrl: '/comments/thanks/',
      fields: {
        name: 'name',
        email: 'email',
        comment: 'comment',
        slug: 'slug',
        url: 'article_url',
        replyTo: 'reply_to',
        redirect: '_redirect',
        honeypot: '_gotcha',
        timestamp: 'shown_at',
      },
    });
  });

  it('takes an endpoint, a thank-you page, a closing time and renamed fields, keeping the other defaults', () => {
    const { comments } = parseSiteConfig({
      ...good,
      comments: {
        endpoint: 'https://forms.example/f/abc',
        thanksUrl: 'https://harbourdispatch.example/thanks/',
        closeAfterDays: 14,
        fields: { redirect: '_next' },
      },
    });
    expect(comments.endpoint).toBe('https://forms.example/f/abc');
    expect(comments.thanksUrl).toBe('https://harbourdispatch.example/thanks/');
    expect(comments.closeAfterDays).toBe(14);
    expect(comments.fields.redirect).toBe('_next');
    expect(comments.fields.honeypot).toBe('_gotcha');
  });

  it('rejects an endpoint that is not https, naming the key and the fix', () => {
    expect(problemsWith({ comments: { endpoint: 'http://forms.example/f/abc' } })).toBe(
      'site.config.ts has problems:\n  comments.endpoint: must be the https:// address of the form service, like "https://forms.example/f/abc123" (http:// only for 127.0.0.1 or localhost)',
    );
  });

  it('rejects a negative closing time, two fields with one name, and a field name with spaces', () => {
    const message = problemsWith({ comments: { closeAfterDays: -1, fields: { name: 'email' } } });
    expect(message).toMatch(/^ {2}comments\.closeAfterDays: /m);
    expect(message).toMatch(/^ {2}comments\.fields: must give each field its own name$/m);
    expect(problemsWith({ comments: { fields: { name: 'your name' } } })).toMatch(
      /^ {2}comments\.fields\.name: must be a form field name/m,
    );
  });

  it('rejects an unknown comments key', () => {
    expect(problemsWith({ comments: { endpont: 'https://forms.example/f/abc' } })).toMatch(/endpont/);
  });
});

describe('isFormEndpoint', () => {
  it.each(['https://forms.example/f/abc', 'http://127.0.0.1:4000/f', 'http://localhost:8080/'])('accepts %s', (url) => {
    expect(isFormEndpoint(url)).toBe(true);
  });

  it.each([
    'http://forms.example/f',
    'javascript:alert(1)',
    'https://user:pw@forms.example/',
    'https://forms.example/#x',
    '/local/path',
    'forms.example',
  ])('rejects %s', (url) => {
    expect(isFormEndpoint(url)).toBe(false);
  });
});

describe('withCommentsEndpoint (DATELINE_COMMENTS_ENDPOINT)', () => {
  const site = parseSiteConfig({ ...good, comments: { endpoint: 'https://forms.example/production', closeAfterDays: 7 } });

  it('replaces the configured endpoint and keeps the rest', () => {
    const preview = withCommentsEndpoint(site, 'https://forms.example/preview');
    expect(preview.comments.endpoint).toBe('https://forms.example/preview');
    expect(preview.comments.closeAfterDays).toBe(7);
    expect(site.comments.endpoint).toBe('https://forms.example/production');
  });

  it('leaves the config as it is when the variable is unset or empty', () => {
    expect(withCommentsEndpoint(site, undefined)).toBe(site);
    expect(withCommentsEndpoint(site, '')).toBe(site);
  });

  it('names the variable when its value cannot be used', () => {
    expect(() => withCommentsEndpoint(site, 'forms.example/f')).toThrow(
      'DATELINE_COMMENTS_ENDPOINT="forms.example/f" must be the https:// address of the form service',
    );
  });
});

describe('websub in the site config', () => {
  it('is off unless a hub is named', () => {
    expect(parseSiteConfig(good).websub).toBeUndefined();
    expect(parseSiteConfig({ ...good, websub: { hub: 'https://websub.example/hub' } }).websub).toEqual({
      hub: 'https://websub.example/hub',
    });
    expect(parseSiteConfig({ ...good, websub: { hub: 'http://127.0.0.1:8080/' } }).websub?.hub).toBe('http://127.0.0.1:8080/');
  });

  it('rejects a hub that is not https (but for this machine) or an unknown key, naming the key and the fix', () => {
    expect(() => parseSiteConfig({ ...good, websub: { hub: 'http://websub.example/hub' } })).toThrow(
      /websub\.hub: must be the https:\/\/ address of a WebSub hub/,
    );
    expect(() => parseSiteConfig({ ...good, websub: { hub: 'https://websub.example/', lease: 1 } })).toThrow(/websub/);
  });
});

describe('withWebsubHub (DATELINE_WEBSUB_HUB)', () => {
  it('sets the hub, leaves the config alone when unset or empty, and names the variable when unusable', () => {
    const config = parseSiteConfig(good);
    expect(withWebsubHub(config, 'http://127.0.0.1:9/hub').websub).toEqual({ hub: 'http://127.0.0.1:9/hub' });
    expect(withWebsubHub(config, undefined)).toBe(config);
    expect(withWebsubHub(config, '')).toBe(config);
    expect(() => withWebsubHub(config, 'ftp://hub.example/')).toThrow(
      /^DATELINE_WEBSUB_HUB="ftp:\/\/hub.example\/" must be the https:\/\//,
    );
  });
});
