import { z } from 'astro/zod';

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
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

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
