// Dateline's Astro integration: writes the `_headers` file after a build, and
// in `astro dev` reloads the archive and the
// browser when a content file changes (content lives outside src/, and may be
// elsewhere entirely via DATELINE_CONTENT_DIR, so Vite would not notice).
// Astro renders pages in a separate module context, so the signal to reload is
// a small file (DEV_GENERATION_FILE) that src/bridge/site.ts reads per request.
//
// It also provides LEAD_IMAGES_MODULE: one import per photo kept beside a
// published article ("image.src: ./photo.jpg"), so Astro's image pipeline
// sees them as it sees any imported image (ImageMetadata, resized and
// converted at build time), wherever the content folder is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import rawConfig from '../../site.config.ts';
import { toHeadersFile } from '#lib/outputs/security-headers.ts';
import { parseSiteConfig, withCommentsEndpoint } from '#lib/content/site-config.ts';

/**
 * Set to "1" for `astro dev` and emptied for every other command, so pages can
 * tell a writer's preview from a build even when NODE_ENV says otherwise (a
 * build under NODE_ENV=development still has import.meta.env.DEV true).
 */
export const DEV_SERVER_VARIABLE = 'DATELINE_DEV_SERVER';

/** Written with a new value whenever content changes during `astro dev`. */
export const DEV_GENERATION_FILE = '.cache/dateline/dev-generation';

/** Default export: Map from a photo's absolute path (Article.imageFile) to its ImageMetadata. */
export const LEAD_IMAGES_MODULE = 'virtual:dateline/lead-images';
const RESOLVED_LEAD_IMAGES = `\0${LEAD_IMAGES_MODULE}`;

export interface DatelineOptions {
  /** Absolute paths of the photos beside published articles; called once per build, and after each content change in dev. */
  leadImageFiles: () => string[];
}

export function dateline({ leadImageFiles }: DatelineOptions): AstroIntegration {
  return {
    name: 'dateline',
    hooks: {
      // Security headers for the CDN (src/lib/outputs/security-headers.ts; README, "Security headers").
      'astro:build:done': ({ dir }) => {
        const site = withCommentsEndpoint(parseSiteConfig(rawConfig), process.env['DATELINE_COMMENTS_ENDPOINT']);
        const endpoint = site.comments.endpoint;
        const formActions = endpoint ? [new URL(endpoint).origin] : [];
        writeFileSync(join(fileURLToPath(dir), '_headers'), toHeadersFile(site, { formActions }));
      },
      'astro:config:setup': ({ command, updateConfig }) => {
        // Only `astro dev` previews drafts (src/bridge/site.ts); never a build, whatever NODE_ENV says.
        process.env[DEV_SERVER_VARIABLE] = command === 'dev' ? '1' : '';
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'dateline:lead-images',
                resolveId: (id: string) => (id === LEAD_IMAGES_MODULE ? RESOLVED_LEAD_IMAGES : undefined),
                load: (id: string) => (id === RESOLVED_LEAD_IMAGES ? leadImagesModule(leadImageFiles()) : undefined),
              },
            ],
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || 'content');
        const signal = resolve(DEV_GENERATION_FILE);
        mkdirSync(dirname(signal), { recursive: true });
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event, file) => {
          if (!resolve(file).startsWith(contentDir + sep)) return;
          writeFileSync(signal, String(Date.now()));
          // Astro's own signal for "content changed": each server environment
          // clears its cache of getStaticPaths() results, so new, renamed and
          // edited articles all show.
          for (const environment of Object.values(server.environments)) {
            const images = environment.moduleGraph.getModuleById(RESOLVED_LEAD_IMAGES);
            if (images) environment.moduleGraph.invalidateModule(images);
            environment.hot.send('astro:content-changed', {});
          }
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}

/** The module's code: only published articles' photos, so no draft's photo is ever copied into the site. */
function leadImagesModule(files: string[]): string {
  const unique = [...new Set(files)];
  const imports = unique.map((file, i) => `import i${i} from ${JSON.stringify(file)};`);
  const entries = unique.map((file, i) => `[${JSON.stringify(file)}, i${i}]`);
  return `${imports.join('\n')}\nexport default new Map([${entries.join(', ')}]);\n`;
}
