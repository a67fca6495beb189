// Wiring only: the site's settings live in site.config.ts, logic in src/lib/.
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import site from './site.config.ts';
import { getArchive, keptPageUrls, localLeadImageFiles } from '#bridge/site.ts';
import { dateline } from '#bridge/integration.ts';
import { articleLastmods, isListedInSitemap } from '#lib/outputs/sitemaps.ts';

/** @type {Map<string, string> | undefined} */
let lastmods;

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // scripts/build.ts builds into a staging folder and swaps it in only on success.
  outDir: process.env.DATELINE_OUT_DIR || './dist',
  // Every stylesheet is a file: the Content-Security-Policy allows no inline
  // styles, and one cached file beats CSS repeated in every page.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // Scripts as files too (the reply form's is tiny): the CSP allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [
    dateline({ leadImageFiles: localLeadImageFiles }),
    sitemap({
      // Files of at most 45,000 URLs (the protocol allows 50,000) under /sitemap-index.xml.
      entryLimit: 45_000,
      // An incremental build renders only changed pages (scripts/build.ts);
      // the sitemaps still list every page, so it hands over all their URLs.
      customPages: keptPageUrls(),
      filter: isListedInSitemap,
      serialize(item) {
        lastmods ??= articleLastmods(getArchive(), site);
        const lastmod = lastmods.get(item.url);
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
  ],
});
