// Wiring only: the site's settings live in site.config.ts; the Dateline
// integration sets everything else Astro needs (src/bridge/integration.ts).
import { defineConfig } from 'astro/config';
import { dateline } from './src/bridge/integration.ts';

export default defineConfig({ integrations: [dateline()] });
