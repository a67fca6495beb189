// How each file of the built site is served: its kind, Content-Type and
// Cache-Control, from one table. `npm run deploy` sets them on every object it
// uploads to S3-compatible storage; the `_headers` file (Netlify, Cloudflare
// Pages) carries the same Cache-Control rules (toHeadersFile()).

/** The three caching policies a Dateline site needs. */
export const CACHE_CONTROL = {
  /** Fingerprinted files: a new version gets a new name, so a copy never goes stale. */
  immutable: 'public, max-age=31536000, immutable',
  /** Browsers ask every time; a CDN may serve its copy for a minute, so a story is live everywhere within one. */
  revalidate: 'public, max-age=0, s-maxage=60, must-revalidate',
  /** The search page names the index's shards, and a publish can rename the newest ones: always ask. */
  noCache: 'no-cache',
} as const;

/** What a file is, for its headers and for when `npm run deploy` uploads it. */
export type FileKind =
  'host-config' | 'asset' | 'search-chunk' | 'search-entry' | 'search-page' | 'editor' | 'page' | 'feed' | 'sitemap' | 'static';

export interface FileRule {
  kind: FileKind;
  /** Matches the file's path in the output folder, without a leading slash ("world/harbour/index.html"). */
  test: RegExp;
  cacheControl: string;
  /** Overrides the type by extension. */
  contentType?: string;
  /**
   * The same rule as `_headers` URL patterns. Empty where the hosts' own default
   * (every request revalidates) is what the rule says, so no two patterns give
   * one path two Cache-Control values, which Cloudflare Pages would join.
   */
  headersPatterns: readonly string[];
}

/** The first rule whose test matches a path is its rule; the last matches everything. */
export const FILE_RULES: readonly FileRule[] = [
  // Read by Netlify and Cloudflare Pages, never served; object storage has no use for them.
  { kind: 'host-config', test: /^_(?:headers|redirects)$/, cacheControl: CACHE_CONTROL.revalidate, headersPatterns: [] },
  { kind: 'asset', test: /^_astro\//, cacheControl: CACHE_CONTROL.immutable, headersPatterns: ['/_astro/*'] },
  // Pagefind names its chunks and its metadata file after their content; the entry files name them.
  {
    kind: 'search-chunk',
    test: /^pagefind\/[^/]+\/(?:(?:fragment|index|filter)\/[^/]+|pagefind\.[^/]+\.pf_meta)$/,
    cacheControl: CACHE_CONTROL.immutable,
    headersPatterns: ['/pagefind/:shard/fragment/*', '/pagefind/:shard/index/*', '/pagefind/:shard/filter/*'],
  },
  { kind: 'search-entry', test: /^pagefind\//, cacheControl: CACHE_CONTROL.revalidate, headersPatterns: [] },
  { kind: 'search-page', test: /^search\/index\.html$/, cacheControl: CACHE_CONTROL.noCache, headersPatterns: ['/search/'] },
  // The browser editor (/admin/): its page, config and the CMS bundle change together with a release, under the same names.
  { kind: 'editor', test: /^admin\//, cacheControl: CACHE_CONTROL.noCache, headersPatterns: ['/admin/*'] },
  {
    kind: 'feed',
    test: /(?:^|\/)rss\.xml$/,
    cacheControl: CACHE_CONTROL.revalidate,
    contentType: 'application/rss+xml; charset=utf-8',
    headersPatterns: [],
  },
  {
    kind: 'sitemap',
    test: /^(?:sitemap[^/]*\.xml|news-sitemap\.xml|robots\.txt)$/,
    cacheControl: CACHE_CONTROL.revalidate,
    headersPatterns: [],
  },
  { kind: 'page', test: /\.html$/, cacheControl: CACHE_CONTROL.revalidate, headersPatterns: [] },
  // public/ files (photos under /images/, the logo, favicon) keep their names when replaced.
  { kind: 'static', test: /^/, cacheControl: CACHE_CONTROL.revalidate, headersPatterns: [] },
];

/** Content-Type by extension, for what a build writes and what an outlet is likely to keep in public/. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  zip: 'application/zip',
  // Pagefind's compressed index files: the browser's search script reads the bytes itself.
  pagefind: 'application/octet-stream',
  pf_meta: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
  pf_filter: 'application/octet-stream',
};

/** For a file whose extension is not in CONTENT_TYPES. */
export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

export interface FileHeaders {
  kind: FileKind;
  contentType: string;
  cacheControl: string;
  /** False when the extension is not in CONTENT_TYPES (it is sent as application/octet-stream). */
  knownType: boolean;
}

/** The kind and headers of a file, by its path in the output folder ("world/harbour/index.html"). */
export function fileHeaders(path: string): FileHeaders {
  const rule = FILE_RULES.find((r) => r.test.test(path)) ?? FILE_RULES.at(-1)!;
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  const byExtension = extension === undefined ? undefined : CONTENT_TYPES[extension];
  return {
    kind: rule.kind,
    contentType: rule.contentType ?? byExtension ?? UNKNOWN_CONTENT_TYPE,
    cacheControl: rule.cacheControl,
    knownType: rule.contentType !== undefined || byExtension !== undefined,
  };
}

/** The `_headers` blocks for Cache-Control, one per pattern, in table order. */
export function cacheHeaderBlocks(): string[] {
  return FILE_RULES.flatMap((rule) => rule.headersPatterns.map((pattern) => `${pattern}\n  Cache-Control: ${rule.cacheControl}`));
}
