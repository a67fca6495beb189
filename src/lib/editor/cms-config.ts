// The browser editor's configuration (Decap CMS, docs/decisions/0012-editor.md),
// made from the content contract and the site at build time, never kept by
// hand: every article field of src/lib/content/schemas.ts in a widget that fits
// it, sections and desks as choices of those that exist, limits from
// ./limits.ts and the checker's own words for a wrong address.
import type { z } from 'astro/zod';
import { LIMITS, type Limit } from '#lib/content/limits.ts';
import type { Choice } from '#lib/content/new-article.ts';
import { articleSchema, correctionSchema, deskSchema, imageSchema, quoteSchema, sourceSchema, updateSchema } from '#lib/content/schemas.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { SLUG_PATTERN } from '#lib/content/slugs.ts';

/** A Decap CMS field (config.yml `fields:`), only the keys we use. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  options?: { label: string; value: string }[];
  fields?: CmsField[];
  field?: CmsField;
  [key: string]: unknown;
}

/** Where the editor saves: the newsroom's Git host, or only the local backend (decap-server) on this computer. */
export interface EditorBackend {
  name: 'github' | 'gitlab';
  /** "owner/repository" on the Git host. */
  repo: string;
  branch?: string | undefined;
  /** Where writers sign in: GitHub's OAuth sign-in service when not Netlify's, or a GitLab server of the newsroom's own. */
  baseUrl?: string | undefined;
  authEndpoint?: string | undefined;
  /** Netlify's sign-in for a site Netlify does not serve: the Netlify site's domain. */
  siteDomain?: string | undefined;
  /** GitLab: the OAuth application's id, for sign-in with PKCE (no server of ours). */
  appId?: string | undefined;
  /** GitLab on the newsroom's own server: its API, e.g. https://gitlab.example/api/v4. */
  apiRoot?: string | undefined;
}

export interface CmsConfigInput {
  site: SiteConfig;
  sections: readonly Choice[];
  desks: readonly Choice[];
  /** The newsroom's Git host; without one the editor works only with the local backend. */
  backend?: EditorBackend | undefined;
  /** The local backend's API (decap-server on loopback), used without a Git host and under `npm run edit`. */
  localBackendUrl: string;
  /** The content folder relative to the repository root the backend saves in ("content"). */
  contentFolder: string;
  /** True under `npm run edit`: save straight to the working copy (no review step, which needs branches). */
  local: boolean;
}

/** The local backend's default address: decap-server on loopback, port 8081 (`npm run edit`). */
export const LOCAL_BACKEND_URL = 'http://127.0.0.1:8081/api/v1';

/** Article fields in the order `npm run new` writes them (src/lib/content/new-article.ts), so files look alike. */
export const ARTICLE_FIELD_ORDER = [
  'title',
  'section',
  'desk',
  'publishedAt',
  'draft',
  'dek',
  'dateline',
  'updatedAt',
  'tags',
  'image',
  'quotes',
  'source',
  'canonical',
  'featured',
  'comments',
  'commentsCloseAfterDays',
  'corrections',
  'legacyUrl',
  'live',
  'liveUntil',
] as const satisfies readonly (keyof typeof articleSchema.shape)[];

/** The file format of every collection: src/editor/article-file.js, registered by dateline-editor.js under this name. */
export const FILE_FORMAT = 'dateline-frontmatter';

/** Form fields that are not frontmatter: the slug of a new story (its file name); the file format never writes it. */
export const FORM_ONLY_FIELDS = ['slug'] as const;

/** Storage format of every date: ISO 8601 with the UTC offset (dayjs tokens), as the contract requires. */
export const DATE_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';

/** The checker's own message for `value` in `schema` (e.g. a web address that is not http(s)), so form and checker agree. */
export function schemaMessage(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return result.error.issues[0]?.message ?? 'is not valid';
}

const WEB_URL_PATTERN = '^https?://[^\\s]+$';
const webUrlMessage = (): string => schemaMessage(sourceSchema.shape.url, 'ftp://agency.example/story');

/** A pattern that allows at most `limit` characters, with the limit's reason. */
function maxLength(limit: Limit, what: string): [string, string] {
  return [
    `^[\\s\\S]{0,${limit.max}}$`,
    `${what}: the most it may have is ${limit.max} characters (limits and their reasons: docs/content.md)`,
  ];
}

function text(name: string, label: string, limit: Limit, options: Partial<CmsField> = {}): CmsField {
  return { name, label, widget: 'string', pattern: maxLength(limit, label), ...options };
}

function webAddress(name: string, label: string, options: Partial<CmsField> = {}): CmsField {
  return { name, label, widget: 'string', pattern: [WEB_URL_PATTERN, webUrlMessage()], ...options };
}

function dateTime(name: string, label: string, timeZone: string, options: Partial<CmsField> = {}): CmsField {
  return {
    name,
    label,
    widget: 'datetime',
    format: DATE_FORMAT,
    date_format: 'D MMMM YYYY',
    time_format: 'HH:mm',
    hint: `Give the time on this computer's clock: it is saved with this computer's UTC offset, and readers see it in ${timeZone} time.`,
    ...options,
  };
}

/** The checker's words for a lead image without alt text; the editor refuses to save one with them (dateline-editor.js). */
export const ALT_REQUIRED = schemaMessage(imageSchema.shape.alt, undefined);

/** A message as a sentence of its own: "Is required …". */
const sentence = (message: string): string => `${message.charAt(0).toUpperCase()}${message.slice(1)}`;

const choices = (list: readonly Choice[]): { label: string; value: string }[] => list.map((c) => ({ label: c.name, value: c.slug }));

/** The Article form: one widget per field of the contract, in `npm run new`'s order, then the body. */
export function articleFields(input: Pick<CmsConfigInput, 'site' | 'sections' | 'desks'>): CmsField[] {
  const a = LIMITS.article;
  const zone = input.site.timeZone;
  const byName: Record<(typeof ARTICLE_FIELD_ORDER)[number], CmsField> = {
    title: text('title', 'Headline', a.title),
    section: {
      name: 'section',
      label: 'Section',
      widget: 'select',
      options: choices(input.sections),
      hint: 'Where the story is filed; part of its address. A new section is added in Sections.',
    },
    desk: { name: 'desk', label: 'Desk (byline)', widget: 'select', options: choices(input.desks) },
    publishedAt: dateTime('publishedAt', 'Published at', zone, {
      default: '{{now}}',
      hint: `When the story goes out. A time in the future holds it back (embargo) until a build after it. Give the time on this computer's clock: it is saved with this computer's UTC offset, and readers see it in ${zone} time.`,
    }),
    draft: { name: 'draft', label: 'Draft (never published)', widget: 'boolean', default: false, required: false },
    dek: { ...text('dek', 'Standfirst (dek)', a.dek, { required: false }), widget: 'text' },
    dateline: text('dateline', 'Dateline', a.dateline, { required: false, hint: 'Where the story was filed from, like COPENHAGEN' }),
    updatedAt: dateTime('updatedAt', 'Updated at', zone, { required: false, default: '' }),
    tags: {
      name: 'tags',
      label: 'Tags',
      label_singular: 'tag',
      widget: 'list',
      required: false,
      max: a.tags.max,
      field: text('tag', 'Tag', a.tag),
    },
    image: {
      name: 'image',
      label: 'Lead image',
      widget: 'object',
      required: false,
      collapsed: false,
      fields: [
        {
          name: 'src',
          label: 'Photo',
          widget: 'image',
          required: false,
          choose_url: false,
          hint: 'Uploaded beside the story (JPEG, PNG, WebP or AVIF).',
        },
        // Required only when a photo is given: Decap cannot say "required if", so dateline-editor.js checks it on save.
        { ...text('alt', 'Alt text', a.imageAlt, { required: false }), hint: sentence(ALT_REQUIRED) },
        { ...text('caption', 'Caption', a.imageCaption, { required: false }), widget: 'text' },
        text('credit', 'Credit', a.imageCredit, { required: false }),
      ],
    },
    quotes: {
      name: 'quotes',
      label: 'Pull quotes',
      label_singular: 'quote',
      widget: 'list',
      required: false,
      max: a.quotes.max,
      // Open, so an opened story shows every quote's words to edit (Decap folds list items by default).
      collapsed: false,
      summary: '{{fields.speaker}}: {{fields.text}}',
      fields: [
        { ...text('text', 'Quote', a.quoteText), widget: 'text' },
        text('speaker', 'Speaker', a.quoteSpeaker),
        text('role', 'Role', a.quoteRole, { required: false }),
      ],
    },
    source: {
      name: 'source',
      label: 'Source (agency or partner copy)',
      widget: 'object',
      required: false,
      // Required only when a source is given; checked on save (dateline-editor.js).
      fields: [text('name', 'Source name', a.sourceName, { required: false }), webAddress('url', 'Source address', { required: false })],
    },
    canonical: webAddress('canonical', 'Original address (syndicated copy)', { required: false }),
    featured: { name: 'featured', label: 'Featured', widget: 'boolean', default: false, required: false },
    comments: { name: 'comments', label: 'Reader comments', widget: 'boolean', default: true, required: false },
    commentsCloseAfterDays: {
      name: 'commentsCloseAfterDays',
      label: 'Close comments after (days)',
      widget: 'number',
      value_type: 'int',
      min: 0,
      required: false,
    },
    corrections: {
      name: 'corrections',
      label: 'Corrections',
      label_singular: 'correction',
      widget: 'list',
      required: false,
      max: a.corrections.max,
      collapsed: false,
      fields: [dateTime('date', 'Date', zone), { ...text('text', 'Correction', a.correctionText), widget: 'text' }],
    },
    legacyUrl: webAddress('legacyUrl', 'Address on the old site', { required: false }),
    live: {
      name: 'live',
      label: 'Live coverage',
      widget: 'boolean',
      default: false,
      required: false,
      hint: 'The story shows its live updates (the Live updates collection), newest first, and readers see new ones without reloading.',
    },
    liveUntil: dateTime('liveUntil', 'Live until', zone, {
      required: false,
      default: '',
      hint: `When live coverage ends; empty keeps it live until Live coverage is switched off. Give the time on this computer's clock.`,
    }),
  };
  const body: CmsField = {
    name: 'body',
    label: 'Story',
    widget: 'markdown',
    // Raw first (dateline-editor.js opens Markdown in raw mode): an opened story keeps its Markdown byte for byte unless edited in rich text.
    modes: ['raw', 'rich_text'],
    sanitize_preview: true,
  };
  const slug: CmsField = {
    name: 'slug',
    label: 'Address (slug)',
    widget: 'string',
    required: false,
    pattern: ['^[a-z0-9]+(-[a-z0-9]+)*$', 'Address (slug): lower-case letters, digits and single hyphens, like harbour-pay-deal'],
    hint: 'The last part of the story’s address and its file name. Left empty, it is made from the headline. Only for a new story: a saved story keeps its address.',
  };
  const [first, ...rest] = ARTICLE_FIELD_ORDER.map((name) => byName[name]);
  return [first as CmsField, slug, ...rest, body];
}

/** The Live updates form: one update a file in content/updates/<story>/, the story chosen from those that exist. */
export function updateFields(input: Pick<CmsConfigInput, 'site'>): CmsField[] {
  const a = LIMITS.article;
  return [
    // A slug typed in, not a relation: Decap's relation gives a nested entry's path ("2026/<slug>"), not its slug.
    {
      name: 'story',
      label: 'Live story',
      widget: 'string',
      pattern: [SLUG_PATTERN.source, 'is the story’s file name without .md, like storm-brannoc-south-west-coast'],
      hint: 'The story’s file name without .md (it needs Live coverage switched on). The update is saved in its folder, content/updates/<story>/.',
    },
    dateTime('publishedAt', 'Time of the update', input.site.timeZone, { default: '{{now}}' }),
    text('headline', 'Headline (optional)', a.updateHeadline, { required: false }),
    {
      name: 'key',
      label: 'Key event',
      widget: 'boolean',
      default: false,
      required: false,
      hint: 'Listed under Key events at the top of the story.',
    },
    {
      name: 'body',
      label: 'Update',
      widget: 'markdown',
      modes: ['raw', 'rich_text'],
      sanitize_preview: true,
      pattern: maxLength(a.updateBody, 'Update'),
    },
  ];
}

/** The whole config.yml for Decap CMS. */
export function cmsConfig(input: CmsConfigInput): Record<string, unknown> {
  // `npm run edit` saves through the local backend whatever the site's Git host.
  const remote = input.local ? undefined : input.backend;
  const backend = remote
    ? {
        name: remote.name,
        repo: remote.repo,
        branch: remote.branch ?? 'main',
        ...(remote.baseUrl ? { base_url: remote.baseUrl } : {}),
        ...(remote.authEndpoint ? { auth_endpoint: remote.authEndpoint } : {}),
        ...(remote.siteDomain ? { site_domain: remote.siteDomain } : {}),
        ...(remote.appId ? { app_id: remote.appId, auth_type: 'pkce' } : {}),
        ...(remote.apiRoot ? { api_root: remote.apiRoot } : {}),
        squash_merges: true,
        commit_messages: {
          create: 'New story: {{slug}} (from the editor, {{author-login}})',
          update: 'Edit {{collection}} {{slug}} (from the editor, {{author-login}})',
          delete: 'Delete {{collection}} {{slug}} (from the editor, {{author-login}})',
          uploadMedia: 'Upload {{path}} (from the editor)',
          deleteMedia: 'Delete {{path}} (from the editor)',
        },
      }
    : { name: 'proxy', proxy_url: input.localBackendUrl, branch: 'main' };
  const d = LIMITS.desk;
  const s = LIMITS.section;
  return {
    backend,
    // Review before publishing: each story a branch and a pull request. The local backend saves straight to the working copy.
    ...(remote ? { publish_mode: 'editorial_workflow' } : {}),
    site_url: input.site.url,
    display_url: input.site.url,
    locale: 'en',
    // Site-wide uploads (desk avatars) go to public/images/, which the site serves as /images/.
    media_folder: 'public/images/desks',
    public_folder: '/images/desks',
    omit_empty_optional_fields: true,
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [
      {
        name: 'articles',
        label: 'Stories',
        label_singular: 'story',
        folder: `${input.contentFolder}/articles`,
        // The year folder of publishedAt and the slug. Decap lower-cases path templates and turns their
        // dots into hyphens, so they cannot name publishedAt (nor use {{fields.x}}): the pre-save hook
        // (dateline-editor.js) sets `yearfolder` from publishedAt, and `slug` from the form's slug or the
        // headline; the file format never writes either (docs/decisions/0012-editor.md).
        path: '{{yearfolder}}/{{slug}}',
        slug: '{{fields.slug}}',
        identifier_field: 'title',
        extension: 'md',
        format: FILE_FORMAT,
        create: true,
        // Photos are kept beside the story (the contract's "./photo.jpg").
        media_folder: '',
        public_folder: '',
        summary: "{{title}} ({{section}}, {{publishedAt | date('D MMM YYYY HH:mm')}})",
        sortable_fields: ['publishedAt', 'title'],
        view_filters: [
          { label: 'Drafts', field: 'draft', pattern: true },
          { label: 'Featured', field: 'featured', pattern: true },
        ],
        // {{slug}} would be "2026/<slug>" (the path below the folder); the file name is the slug.
        preview_path: '{{section}}/{{filename}}/',
        fields: articleFields(input),
      },
      {
        name: 'sections',
        label: 'Sections',
        label_singular: 'section',
        folder: `${input.contentFolder}/sections`,
        slug: '{{slug}}',
        identifier_field: 'name',
        extension: 'md',
        format: FILE_FORMAT,
        create: true,
        fields: [
          text('name', 'Name', s.name),
          { ...text('description', 'Description', s.description, { required: false }), widget: 'text' },
          { name: 'order', label: 'Menu order (lower first)', widget: 'number', value_type: 'int', required: false },
        ],
      },
      {
        name: 'desks',
        label: 'Desks',
        label_singular: 'desk',
        folder: `${input.contentFolder}/desks`,
        slug: '{{slug}}',
        identifier_field: 'name',
        extension: 'md',
        format: FILE_FORMAT,
        create: true,
        fields: [
          text('name', 'Name', d.name),
          { name: 'avatar', label: 'Avatar', widget: 'image', required: false, choose_url: false },
          {
            name: 'links',
            label: 'Links',
            label_singular: 'link',
            widget: 'list',
            required: false,
            max: d.links.max,
            fields: [
              text('label', 'Label', d.linkLabel),
              {
                name: 'url',
                label: 'Address',
                widget: 'string',
                pattern: [
                  '^(https?://[^\\s]+|mailto:[^\\s<>]+@[^\\s<>]+)$',
                  schemaMessage(deskSchema.shape.links.unwrap().element.shape.url, 'ftp://x'),
                ],
              },
            ],
          },
          {
            name: 'body',
            label: 'Bio',
            widget: 'markdown',
            modes: ['raw', 'rich_text'],
            required: false,
            pattern: maxLength(d.bio, 'Bio'),
          },
        ],
      },
      {
        name: 'updates',
        label: 'Live updates',
        label_singular: 'live update',
        folder: `${input.contentFolder}/updates`,
        // content/updates/<story>/<id>.md: the folder from the chosen story, the id from the time it is started.
        path: '{{fields.story}}/{{slug}}',
        slug: '{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}',
        identifier_field: 'headline',
        extension: 'md',
        format: FILE_FORMAT,
        create: true,
        summary: "{{story}}: {{publishedAt | date('D MMM HH:mm')}} {{headline}}",
        sortable_fields: ['publishedAt'],
        fields: updateFields(input),
      },
    ],
  };
}

/** Every field name the contract allows in an article's frontmatter (the schema's keys), for the coverage test. */
export const ARTICLE_SCHEMA_FIELDS = Object.keys(articleSchema.shape);

/** The nested shapes the form must cover field for field. */
export const NESTED_SCHEMAS = {
  image: Object.keys(imageSchema.shape),
  source: Object.keys(sourceSchema.shape),
  quotes: Object.keys(quoteSchema.shape),
  corrections: Object.keys(correctionSchema.shape),
} as const;

/** Every field an update's frontmatter may have, for the coverage test. */
export const UPDATE_SCHEMA_FIELDS = Object.keys(updateSchema.shape);
