import { describe, expect, it } from 'vitest';
import {
  byPhase,
  deletionGuard,
  etagMd5,
  formatPlan,
  invalidationPaths,
  MAX_INVALIDATION_PATHS,
  planDeploy,
  readState,
  rulesDigest,
  STATE_KEY,
  stateBody,
  type LocalFile,
} from '#lib/deploy/plan.ts';
import { explainStorageError } from '#lib/deploy/storage-errors.ts';

const md5 = (n: number): string => n.toString(16).padStart(32, '0');
const file = (key: string, n = 1, size = 10): LocalFile => ({ key, size, md5: md5(n) });
const held = (key: string, n = 1): { key: string; etag: string } => ({ key, etag: `"${md5(n)}"` });
const RULES = rulesDigest();

const SITE: LocalFile[] = [
  file('index.html'),
  file('world/harbour/index.html'),
  file('rss.xml'),
  file('world/rss.xml'),
  file('sitemap-index.xml'),
  file('news-sitemap.xml'),
  file('robots.txt'),
  file('search/index.html'),
  file('_astro/base.Ab12.css'),
  file('pagefind/0-open/pagefind-entry.json'),
  file('pagefind/0-open/pagefind.js'),
  file('pagefind/0-open/fragment/en_1a2b.pf_fragment'),
  file('pagefind/0-open/pagefind.en-gb_aa56.pf_meta'),
  file('images/harbour.jpg'),
  file('_headers'),
  file('_redirects'),
];
/** What a deploy of SITE leaves in the bucket: everything but the hosts' own files. */
const DEPLOYED = SITE.filter((f) => !f.key.startsWith('_h') && !f.key.startsWith('_r')).map((f) => held(f.key));

describe('planDeploy', () => {
  it('uploads everything to an empty bucket in the safe order: assets and search chunks, search entries, pages, feeds and sitemaps', () => {
    const plan = planDeploy(SITE, [], undefined, RULES);
    const phases = byPhase(plan.uploads).map((uploads) => uploads.map((u) => u.key));
    expect(phases).toEqual([
      [
        '_astro/base.Ab12.css',
        'images/harbour.jpg',
        'pagefind/0-open/fragment/en_1a2b.pf_fragment',
        'pagefind/0-open/pagefind.en-gb_aa56.pf_meta',
      ],
      ['pagefind/0-open/pagefind-entry.json', 'pagefind/0-open/pagefind.js'],
      ['index.html', 'search/index.html', 'world/harbour/index.html'],
      ['news-sitemap.xml', 'robots.txt', 'rss.xml', 'sitemap-index.xml', 'world/rss.xml'],
    ]);
    expect(plan.uploads.map((u) => u.key)).toEqual(phases.flat());
    expect(plan.uploads.every((u) => u.why === 'new')).toBe(true);
    expect(plan.bytes).toBe(14 * 10);
    expect(plan.writeState).toBe(true);
  });

  it('never uploads the hosts’ _headers and _redirects to object storage', () => {
    const keys = planDeploy(SITE, [], undefined, RULES).uploads.map((u) => u.key);
    expect(keys).not.toContain('_headers');
    expect(keys).not.toContain('_redirects');
  });

  it('uploads nothing when every ETag matches and the rules are those recorded', () => {
    const plan = planDeploy(SITE, DEPLOYED, RULES, RULES);
    expect(plan.uploads).toEqual([]);
    expect(plan.deletions).toEqual([]);
    expect(plan.unchanged).toBe(14);
    expect(plan.writeState).toBe(false);
  });

  it('uploads only files whose MD5 differs, and deletes what the build no longer writes, never the state object', () => {
    const remote = [...DEPLOYED, held('world/taken-down/index.html'), held(STATE_KEY)];
    remote[1] = held('world/harbour/index.html', 2);
    const plan = planDeploy(SITE, remote, RULES, RULES);
    expect(plan.uploads.map((u) => [u.key, u.why])).toEqual([['world/harbour/index.html', 'changed']]);
    expect(plan.deletions).toEqual(['world/taken-down/index.html']);
  });

  it('uploads every file again once when the headers rules changed since the last deploy', () => {
    const plan = planDeploy(SITE, DEPLOYED, 'older rules', RULES);
    expect(plan.uploads).toHaveLength(14);
    expect(new Set(plan.uploads.map((u) => u.why))).toEqual(new Set(['headers']));
    expect(plan.writeState).toBe(true);
  });

  it('uploads again an object whose ETag is no MD5 (multipart or encrypted)', () => {
    const remote = DEPLOYED.map((o) => (o.key === 'index.html' ? { key: o.key, etag: '"abc-2"' } : o));
    expect(planDeploy(SITE, remote, RULES, RULES).uploads.map((u) => u.key)).toEqual(['index.html']);
  });

  it('sets each upload’s headers from the table, and names files of unknown type', () => {
    const plan = planDeploy([...SITE, file('files/report.xyz')], [], undefined, RULES);
    const of = (key: string) => plan.uploads.find((u) => u.key === key)!;
    expect([of('index.html').contentType, of('index.html').cacheControl]).toEqual([
      'text/html; charset=utf-8',
      'public, max-age=0, s-maxage=60, must-revalidate',
    ]);
    expect(of('_astro/base.Ab12.css').cacheControl).toBe('public, max-age=31536000, immutable');
    expect(of('rss.xml').contentType).toBe('application/rss+xml; charset=utf-8');
    expect(of('search/index.html').cacheControl).toBe('no-cache');
    expect(plan.unknownTypes).toEqual(['files/report.xyz']);
  });
});

describe('deletionGuard', () => {
  const remote = Array.from({ length: 5 }, (_, i) => held(`old-${i}/index.html`));
  const plan = planDeploy([file('index.html')], remote, RULES, RULES);

  it('refuses more deletions than the limit, saying nothing was touched and how to go on', () => {
    expect(plan.deletions).toHaveLength(5);
    expect(deletionGuard(plan, 4, false)).toMatch(
      /^refusing to delete 5 objects \(more than 4\).*Nothing was uploaded or deleted.*--force/,
    );
  });

  it('lets the limit itself, or --force, through', () => {
    expect(deletionGuard(plan, 5, false)).toBeUndefined();
    expect(deletionGuard(plan, 0, true)).toBeUndefined();
  });
});

describe('invalidationPaths', () => {
  it('names changed and deleted pages by file and folder, but not fingerprinted files', () => {
    const plan = planDeploy(
      [
        file('index.html', 2),
        file('world/new/index.html'),
        file('_astro/x.css'),
        file('pagefind/0-open/fragment/a.pf_fragment'),
        file('rss.xml', 2),
      ],
      [held('index.html'), held('rss.xml'), held('world/old/index.html')],
      RULES,
      RULES,
    );
    expect(invalidationPaths(plan)).toEqual([
      '/',
      '/index.html',
      '/rss.xml',
      '/world/new/',
      '/world/new/index.html',
      '/world/old/',
      '/world/old/index.html',
    ]);
  });

  it('asks for everything past the limit', () => {
    const files = Array.from({ length: MAX_INVALIDATION_PATHS }, (_, i) => file(`p${i}/index.html`));
    expect(invalidationPaths(planDeploy(files, [], RULES, RULES))).toEqual(['/*']);
  });
});

describe('the plan as text and the state object', () => {
  it('prints each upload under its phase, deletions last, then the totals', () => {
    const plan = planDeploy([file('index.html'), file('_astro/a.css', 1, 2500)], [held('gone.html')], RULES, RULES);
    expect(formatPlan(plan)).toBe(
      [
        'assets and search chunks:',
        '  upload _astro/a.css (2.5 kB, new)',
        'pages:',
        '  upload index.html (10 B, new)',
        'deletions, last:',
        '  delete gone.html',
        '2 uploads (2.5 kB), 1 deletion, 0 unchanged',
      ].join('\n'),
    );
  });

  it('reads back the rules digest it writes, and nothing from a broken body', () => {
    expect(readState(stateBody(RULES))).toBe(RULES);
    expect(readState('{not json')).toBeUndefined();
    expect(readState(undefined)).toBeUndefined();
  });

  it('takes the MD5 from quoted, weak or upper-case ETags only', () => {
    expect(etagMd5(`"${md5(7).toUpperCase()}"`)).toBe(md5(7));
    expect(etagMd5(`W/"${md5(7)}"`)).toBe(md5(7));
    expect(etagMd5(`"${md5(7)}-3"`)).toBeUndefined();
  });
});

describe('explainStorageError', () => {
  const target = { bucket: 'news', endpoint: 'http://127.0.0.1:9000' };

  it('says which bucket is missing', () => {
    expect(explainStorageError({ name: 'NoSuchBucket', message: 'The specified bucket does not exist' }, target)).toBe(
      'the bucket "news" at http://127.0.0.1:9000 does not exist: create it, or name the right one with --bucket',
    );
  });

  it('names the variables to fix for refused credentials', () => {
    expect(explainStorageError({ name: 'SignatureDoesNotMatch', message: 'x' }, target)).toMatch(
      /refused the credentials.*AWS_ACCESS_KEY_ID/,
    );
    expect(explainStorageError({ name: 'Unknown', message: 'x', $metadata: { httpStatusCode: 403 } }, target)).toMatch(
      /refused the credentials/,
    );
  });

  it('tells a network failure from the storage’s own errors', () => {
    expect(explainStorageError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), target)).toBe(
      'could not reach the bucket "news" at http://127.0.0.1:9000 (ECONNREFUSED): check --endpoint and the network',
    );
    expect(explainStorageError(new Error('Region is missing'), { bucket: 'news', endpoint: undefined })).toMatch(/set AWS_REGION/);
  });
});
