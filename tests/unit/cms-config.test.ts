import { describe, expect, it } from 'vitest';
import {
  ALT_REQUIRED,
  ARTICLE_SCHEMA_FIELDS,
  articleFields,
  cmsConfig,
  FILE_FORMAT,
  FORM_ONLY_FIELDS,
  LOCAL_BACKEND_URL,
  NESTED_SCHEMAS,
  UPDATE_SCHEMA_FIELDS,
  updateFields,
  type CmsField,
} from '#lib/editor/cms-config.ts';
import { adminPageHtml, contentFolder } from '#lib/editor/admin-files.ts';
import { sourceSchema } from '#lib/content/schemas.ts';
import { makeSite } from './factories.ts';

const sections = [
  { slug: 'world', name: 'World News' },
  { slug: 'business', name: 'Business' },
];
const desks = [{ slug: 'news-desk', name: 'HD News Desk' }];
const input = { site: makeSite(), sections, desks, localBackendUrl: LOCAL_BACKEND_URL, contentFolder: 'content', local: false };
const byName = (fields: CmsField[], name: string): CmsField => {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};
type Collection = { name: string; folder: string; path?: string; fields: CmsField[]; media_folder?: string };
const collections = (config: Record<string, unknown>): Collection[] => config['collections'] as Collection[];

describe('the editor’s article form', () => {
  it('has a widget for every field of the article schema, and no field the schema refuses', () => {
    const fields = articleFields(input);
    const formOnly: readonly string[] = FORM_ONLY_FIELDS;
    const names = fields.map((f) => f.name).filter((n) => n !== 'body' && !formOnly.includes(n));
    expect(ARTICLE_SCHEMA_FIELDS.length).toBeGreaterThan(15);
    for (const name of FORM_ONLY_FIELDS) expect(ARTICLE_SCHEMA_FIELDS).not.toContain(name);
    expect([...names].sort()).toEqual([...ARTICLE_SCHEMA_FIELDS].sort());
  });

  it('covers every field of the image, source, quote and correction shapes', () => {
    const fields = articleFields(input);
    for (const [name, keys] of Object.entries(NESTED_SCHEMAS)) {
      expect(keys.length).toBeGreaterThan(1);
      const field = byName(fields, name);
      expect((field.fields ?? []).map((f) => f.name).sort()).toEqual([...keys].sort());
    }
  });

  it('writes fields in npm run new’s order, then the Markdown body', () => {
    const names = articleFields(input).map((f) => f.name);
    expect(names.slice(0, 6)).toEqual(['title', 'slug', 'section', 'desk', 'publishedAt', 'draft']);
    expect(names.at(-1)).toBe('body');
    expect(byName(articleFields(input), 'body').widget).toBe('markdown');
  });

  it('offers the sections and desks that exist as choices, by name, saving the slug', () => {
    const fields = articleFields(input);
    expect(byName(fields, 'section')).toMatchObject({
      widget: 'select',
      options: [
        { label: 'World News', value: 'world' },
        { label: 'Business', value: 'business' },
      ],
    });
    expect(byName(fields, 'desk').options).toEqual([{ label: 'HD News Desk', value: 'news-desk' }]);
  });

  it('stores dates with their UTC offset and says which clock to give them by (the computer’s) and which readers see', () => {
    const published = byName(articleFields(input), 'publishedAt');
    expect(published).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DDTHH:mm:ssZ' });
    expect(published.hint).toContain("Give the time on this computer's clock");
    expect(published.hint).toContain('Europe/Dublin');
    expect(byName(byName(articleFields(input), 'corrections').fields ?? [], 'date').format).toBe('YYYY-MM-DDTHH:mm:ssZ');
  });

  it('refuses a source address that is not http(s) with the checker’s own words', () => {
    const url = byName(byName(articleFields(input), 'source').fields ?? [], 'url');
    const [pattern, message] = url.pattern ?? ['', ''];
    expect(message).toBe(sourceSchema.shape.url.safeParse('ftp://x').error?.issues[0]?.message);
    expect(new RegExp(pattern).test('https://wire.example/a')).toBe(true);
    expect(new RegExp(pattern).test('javascript:alert(1)')).toBe(false);
    expect(new RegExp(pattern).test('ftp://wire.example/a')).toBe(false);
  });

  it('keeps the headline within the contract’s limit and asks for alt text in the checker’s words', () => {
    const [pattern] = byName(articleFields(input), 'title').pattern ?? [''];
    expect(new RegExp(pattern).test('x'.repeat(200))).toBe(true);
    expect(new RegExp(pattern).test('x'.repeat(201))).toBe(false);
    expect(byName(byName(articleFields(input), 'image').fields ?? [], 'alt').hint?.toLowerCase()).toBe(ALT_REQUIRED.toLowerCase());
  });
});

describe('cmsConfig', () => {
  it('writes stories to content/articles/<yyyy>/<slug>.md with photos beside them', () => {
    const [articles] = collections(cmsConfig(input));
    // The year of publishedAt and the writer's slug, both set by the pre-save hook (Decap lower-cases path templates).
    expect(articles).toMatchObject({
      name: 'articles',
      folder: 'content/articles',
      path: '{{yearfolder}}/{{slug}}',
      slug: '{{fields.slug}}',
      media_folder: '',
      preview_path: '{{section}}/{{filename}}/',
    });
    const slug = byName(articles?.fields ?? [], 'slug');
    expect(slug.required).toBe(false);
    const [pattern] = slug.pattern ?? [''];
    expect(new RegExp(pattern).test('harbour-pay-deal')).toBe(true);
    expect(new RegExp(pattern).test('Harbour pay deal')).toBe(false);
    for (const collection of collections(cmsConfig(input))) expect((collection as { format?: string }).format).toBe(FILE_FORMAT);
  });

  it('has a Live updates collection saving content/updates/<story>/<id>.md, with a widget for every field of an update', () => {
    const updates = collections(cmsConfig(input)).find((c) => c.name === 'updates');
    expect(updates).toMatchObject({ folder: 'content/updates', path: '{{fields.story}}/{{slug}}' });
    const names = updateFields(input)
      .map((f) => f.name)
      .filter((n) => n !== 'body');
    expect(UPDATE_SCHEMA_FIELDS.length).toBeGreaterThan(3);
    expect([...names].sort()).toEqual([...UPDATE_SCHEMA_FIELDS].sort());
    expect(byName(updateFields(input), 'key').widget).toBe('boolean');
    expect(new RegExp(byName(updateFields(input), 'story').pattern![0]).test('2026/storm')).toBe(false);
  });

  it('has Sections and Desks collections with the desk bio as the body', () => {
    const [, sectionsCollection, desksCollection] = collections(cmsConfig(input));
    expect(sectionsCollection?.folder).toBe('content/sections');
    expect(desksCollection?.folder).toBe('content/desks');
    expect(desksCollection?.fields.map((f) => f.name)).toEqual(['name', 'avatar', 'links', 'body']);
  });

  it('reviews before publishing on a Git host, and saves straight through the local backend otherwise', () => {
    const github = cmsConfig({ ...input, backend: { name: 'github', repo: 'harbour/site' } });
    expect(github).toMatchObject({ publish_mode: 'editorial_workflow', backend: { name: 'github', repo: 'harbour/site', branch: 'main' } });
    const local = cmsConfig({ ...input, backend: { name: 'github', repo: 'harbour/site' }, local: true });
    expect(local['publish_mode']).toBeUndefined();
    expect(local['backend']).toEqual({ name: 'proxy', proxy_url: LOCAL_BACKEND_URL, branch: 'main' });
    const gitlab = cmsConfig({ ...input, backend: { name: 'gitlab', repo: 'harbour/web/site', appId: 'abc' } });
    expect(gitlab['backend']).toMatchObject({ name: 'gitlab', app_id: 'abc', auth_type: 'pkce' });
    // Signing in on the newsroom's own GitLab, and through Netlify's sign-in from a site Netlify does not serve.
    const ownGitlab = cmsConfig({
      ...input,
      backend: { name: 'gitlab', repo: 'news/site', appId: 'abc', apiRoot: 'https://git.example/api/v4', baseUrl: 'https://git.example' },
    });
    expect(ownGitlab['backend']).toMatchObject({ api_root: 'https://git.example/api/v4', base_url: 'https://git.example' });
    const netlify = cmsConfig({ ...input, backend: { name: 'github', repo: 'harbour/site', siteDomain: 'harbour.netlify.app' } });
    expect(netlify['backend']).toMatchObject({ site_domain: 'harbour.netlify.app' });
  });
});

describe('the editor page', () => {
  it('is never indexed and loads only our own scripts, none inline', () => {
    const html = adminPageHtml(makeSite());
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    // Decap told to wait, Decap, then our module that registers the file format and starts it.
    expect(scripts.map(([, attributes]) => attributes?.trim())).toEqual([
      'src="/admin/manual-init.js"',
      'src="/admin/decap-cms.js"',
      'type="module" src="/admin/dateline-editor.js"',
    ]);
    for (const [, , body] of scripts) expect(body).toBe('');
  });

  it('saves in the content folder as the repository names it', () => {
    expect(contentFolder('/repo', '/repo/content')).toBe('content');
    expect(contentFolder('/repo', '/repo/news/content')).toBe('news/content');
    expect(contentFolder('/repo', '/tmp/copy')).toBe('content');
  });
});
