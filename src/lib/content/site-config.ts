import { z } from 'astro/zod';
import { isSiteOrWebUrl } from './url-safety.ts';

/**
 * Where a reply form may post: https, or http on this machine only (tests and
 * local trials), since the form carries the reader's email address.
 */
export function isFormEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

const ENDPOINT_MESSAGE = 'must be the https:// address of the form service, like "https://forms.example/f/abc123" (http:// only for 127.0.0.1 or localhost)';
const formEndpoint = z.string().refine(isFormEndpoint, { message: ENDPOINT_MESSAGE });
const fieldName = z.string().regex(/^[A-Za-z_][\w.\-[\]]*$/, { message: 'must be a form field name: letters, digits, "_", "-", "." or "[ ]"' });

/** The names the reply form posts its fields under; the defaults suit most form services. */
export const commentFieldsSchema = z
  .strictObject({
    name: fieldName.default('name'),
    email: fieldName.default('email'),
    comment: fieldName.default('comment'),
    /** The article's slug: where an approved comment's file goes. */
    slug: fieldName.default('slug'),
    /** The article's absolute URL, for the moderator. */
    url: fieldName.default('article_url'),
    /** The id of the comment being answered; empty for a new thread. */
    replyTo: fieldName.default('reply_to'),
    /** Where the service sends the reader afterwards (Formspree calls it "_next"). */
    redirect: fieldName.default('_redirect'),
    /** Honeypot: people never see it, so anything in it came from a bot. */
    honeypot: fieldName.default('_gotcha'),
    /** When the form was shown (ISO time), so instant submissions can be dropped. */
    timestamp: fieldName.default('shown_at'),
  })
  .refine((fields) => new Set(Object.values(fields)).size === Object.keys(fields).length, {
    message: 'must give each field its own name',
  });

/** Reader comments: the form's third-party endpoint and when comments close. */
export const commentsConfigSchema = z.strictObject({
  /** The form service URL the reply form posts to; no form at all without one. DATELINE_COMMENTS_ENDPOINT overrides it. */
  endpoint: formEndpoint.optional(),
  /** Where readers land after posting: a site path or an https:// address. */
  thanksUrl: z.string().refine(isSiteOrWebUrl, { message: 'must be a site path like /comments/thanks/ or a full https:// address' }).default('/comments/thanks/'),
  /** Days after publication that the form stays open; never closes when absent. Articles may override it (commentsCloseAfterDays). */
  closeAfterDays: z.number().int().min(0).optional(),
  /** Field names the endpoint expects, when they differ from the defaults. */
  fields: commentFieldsSchema.prefault({}),
});

/**
 * The browser editor's Git host (README, "Editing in the browser"): where /admin/
 * signs in and saves. Without it the editor works only on this computer,
 * through the local backend (`npm run edit`).
 */
export const editorConfigSchema = z.strictObject({
  backend: z.enum(['github', 'gitlab'], { message: 'must be "github" or "gitlab"' }),
  /** "owner/repository" (GitLab: "group/subgroup/project"). */
  repo: z.string().regex(/^[\w.-]+(\/[\w.-]+)+$/, { message: 'must be "owner/repository", like "harbour-dispatch/site"' }),
  /** The branch the site is built from. */
  branch: z.string().min(1).default('main'),
  /**
   * Where writers sign in: GitHub, the OAuth client's sign-in service (its origin) when it is not Netlify's;
   * GitLab on the newsroom's own server, that server, like "https://gitlab.example".
   */
  baseUrl: z.url({ protocol: /^https$/ }).optional(),
  /** The sign-in path on baseUrl, when it is not Decap's default ("auth" for GitHub, "oauth/authorize" for GitLab). */
  authEndpoint: z.string().min(1).optional(),
  /** GitHub through Netlify's sign-in from a site Netlify does not serve: the Netlify site's domain holding the OAuth app. */
  siteDomain: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'must be a domain name, like "harbour-dispatch.netlify.app"' })
    .optional(),
  /** GitLab: the OAuth application's id, for sign-in in the browser (PKCE), with no server of ours. */
  appId: z.string().min(1).optional(),
  /** GitLab on the newsroom's own server: its API, like "https://gitlab.example/api/v4". */
  apiRoot: z.url({ protocol: /^https$/ }).optional(),
});

/**
 * Where feeds announce new stories (WebSub, README "Feeds in seconds"): https,
 * or http on this machine only (tests and local trials).
 */
export function isHubUrl(value: string): boolean {
  return isFormEndpoint(value);
}

const HUB_MESSAGE = 'must be the https:// address of a WebSub hub, like "https://websub.example/hub" (http:// only for 127.0.0.1 or localhost)';

/** WebSub: the hub feeds name (atom:link rel="hub") and `npm run deploy` pings for each feed it changed. */
export const websubConfigSchema = z.strictObject({
  /** The hub's address, like "https://pubsubhubbub.appspot.com/" or "https://websub.example/hub". */
  hub: z.string().refine(isHubUrl, { message: HUB_MESSAGE }),
});

/**
 * Where `npm run deploy` puts the site in S3-compatible storage (README, "Going
 * live"). Its flags (--bucket, --endpoint, --region) override each key.
 */
export const deployConfigSchema = z.strictObject({
  /** The bucket's name. */
  bucket: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/, { message: 'must be a bucket name, like "news-site"' }),
  /** The storage's S3 API address, for anything but AWS, like "https://<account>.r2.cloudflarestorage.com". */
  endpoint: z.url({ protocol: /^https?$/, message: 'must be the http(s):// address of the S3 API' }).optional(),
  /** The bucket's region ("auto" for R2); before AWS_REGION, which the publish workflow sets to "auto" by default. */
  region: z.string().regex(/^[a-z0-9-]+$/, { message: 'must be a region name, like "eu-west-1" or "auto"' }).optional(),
});

/**
 * Share cards (the 1200×630 picture a story travels with on social networks):
 * a story gets its own card (its lead photo cropped, or its headline drawn)
 * while it is recent; older stories share their section's card, drawn once.
 * A story's own card costs about 60 ms to draw, so an archive imported whole
 * would otherwise pay minutes of drawing in its first build (docs/scale.md).
 */
export const shareCardsConfigSchema = z.strictObject({
  /**
   * Days before the newest published story within which a story (by the later
   * of publishedAt and updatedAt) has its own card; "all" gives every story its own.
   */
  days: z.union([z.number().int().min(0).max(36_500), z.literal('all')]).default(7),
});

/** The shape of `site.config.ts`: the one file an outlet edits. */
export const siteConfigSchema = z.strictObject({
  /** The outlet's name, shown in the masthead, titles and feeds. */
  name: z.string().min(1),
  /** Public origin of the site, e.g. "https://news.example"; no path. */
  url: z.url({ protocol: /^https?$/ }).refine(isOrigin, {
    message: 'must be an origin with no path, such as "https://news.example"',
  }),
  /** BCP 47 language of the site, e.g. "en-GB"; sets <html lang>. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  /** One sentence about the outlet, for the front page and feeds. */
  description: z.string().min(1),
  /** IANA time zone that dates are shown in, e.g. "Europe/Dublin". */
  timeZone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone such as "Europe/Dublin"' }),
  /** Stories per listing page (sections, desks, tags). */
  pageSize: z.number().int().min(5).max(200),
  /** The outlet's logo (PNG or JPEG, site path), for feeds and the publisher in structured data. */
  logo: z
    .strictObject({
      src: z.string().regex(/^\/[^\s]*\.(png|jpe?g|gif)$/i, { message: 'must be a site path to a PNG, JPEG or GIF, like /logo.png' }),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    })
    .optional(),
  /** Hosts whose iframes article bodies may embed, e.g. "www.youtube-nocookie.com". */
  embedHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).default([]),
  /** Reader comments (see commentsConfigSchema); no reply form unless an endpoint is named. */
  comments: commentsConfigSchema.prefault({}),
  /** Whether a link to a page of this site that does not exist stops the build (DATELINE_STRICT_LINKS=1 does too); otherwise it is a warning. */
  strictLinks: z.boolean().default(false),
  /** The browser editor's Git host (see editorConfigSchema); without it /admin/ saves only through the local backend. */
  editor: editorConfigSchema.optional(),
  /** WebSub (see websubConfigSchema); off unless a hub is named. */
  websub: websubConfigSchema.optional(),
  /** Where `npm run deploy` uploads the site (see deployConfigSchema); otherwise its flags say. */
  deploy: deployConfigSchema.optional(),
  /** Which stories get their own share card (see shareCardsConfigSchema). */
  shareCards: shareCardsConfigSchema.prefault({}),
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;
export type CommentFieldNames = z.output<typeof commentFieldsSchema>;

/** Identity helper that gives site.config.ts type checking and completion. */
export function defineSiteConfig(config: SiteConfigInput): SiteConfigInput {
  return config;
}

/** Validates a site config, throwing one readable error listing every bad key. */
export function parseSiteConfig(input: unknown, file = 'site.config.ts'): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new Error(`${file} has problems:\n${lines.join('\n')}`);
}

/**
 * The config with the reply form's endpoint replaced by `endpoint` (the value of
 * DATELINE_COMMENTS_ENDPOINT), so previews can post to a test form; unchanged
 * when it is unset or empty. Throws a message naming the variable when unusable.
 */
export function withCommentsEndpoint(config: SiteConfig, endpoint: string | undefined): SiteConfig {
  if (endpoint === undefined || endpoint === '') return config;
  if (!isFormEndpoint(endpoint)) throw new Error(`DATELINE_COMMENTS_ENDPOINT="${endpoint}" ${ENDPOINT_MESSAGE}`);
  return { ...config, comments: { ...config.comments, endpoint } };
}

/**
 * The config with WebSub's hub set to `hub` (the value of DATELINE_WEBSUB_HUB),
 * for a staging site or a test hub; unchanged when it is unset or empty.
 */
export function withWebsubHub(config: SiteConfig, hub: string | undefined): SiteConfig {
  if (hub === undefined || hub === '') return config;
  if (!isHubUrl(hub)) throw new Error(`DATELINE_WEBSUB_HUB="${hub}" ${HUB_MESSAGE}`);
  return { ...config, websub: { hub } };
}

// zod runs this even when z.url() has already failed, so it must not throw.
function isOrigin(url: string): boolean {
  try {
    return new URL(url).pathname === '/';
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
