// Wiring only: the site's settings live in site.config.ts, logic in src/lib/.
import { defineConfig } from 'astro/config';
import site from './site.config.ts';
import { dateline } from './src/integration.ts';

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // scripts/build.ts builds into a staging folder and swaps it in only on success.
  outDir: process.env.DATELINE_OUT_DIR || './dist',
  build: { format: 'directory' },
  integrations: [dateline()],
});
