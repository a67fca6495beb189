// Dateline's Astro integration: owns the build context and all of Astro's
// settings, so astro.config.mjs is one line. It
// - takes the context (config, folders, clock) from scripts/build.ts's hand-off
//   (src/lib/build/handoff.ts), or makes it once itself for `astro dev` and a
//   bare `astro build`, and serves it to pages as `virtual:dateline/context`
//   (Starlight serves its user config the same way);
// - adds @astrojs/sitemap, told about every page (an incremental build renders
//   only some) and each article's lastmod;
// - provides LEAD_IMAGES_MODULE: one import per photo kept beside a published
//   article ("image.src: ./photo.jpg"), so Astro's image pipeline resizes them
//   like any imported image, wherever the content folder is;
// - writes the `_headers` file and the editor at /admin/ after a build, and
//   serves the editor under `astro dev` (src/lib/editor/admin-files.ts);
// - in `astro dev`, reloads the archive and the browser when a content file
//   changes (content lives outside src/, so Vite would not notice). Pages run
//   in another module graph, so the signal is a small file they read per request.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { readContext } from './environment.ts';
import { buildArchive } from '#lib/archive/archive.ts';
import { isVisible } from '#lib/archive/publishing.ts';
import { devGenerationFile, type BuildContext } from '#lib/build/context.ts';
import { handoffFile, readHandoff, type Handoff } from '#lib/build/handoff.ts';
import type { Content } from '#lib/content/content.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { editorMiddleware, writeEditor, type EditorInput } from '#lib/editor/admin-files.ts';
import { toHeadersFile } from '#lib/outputs/security-headers.ts';
import { articleLastmods, isListedInSitemap } from '#lib/outputs/sitemaps.ts';

/** Default export: Map from a photo's absolute path (Article.imageFile) to its ImageMetadata. */
export const LEAD_IMAGES_MODULE = 'virtual:dateline/lead-images';
/** Exports `context` (BuildContext) and `handoff` (the hand-off file's path, or null). */
export const CONTEXT_MODULE = 'virtual:dateline/context';

export function dateline(): AstroIntegration {
  let context: BuildContext;
  let handoff: Handoff | undefined;
  // Content as the hand-off carries it, or read afresh (dev reloads after every change).
  const content = (): Content =>
    handoff?.content ?? loadContent(context.contentDir, { displayRoot: process.cwd(), language: context.site.language });
  const editor = (local: boolean): EditorInput => ({
    site: context.site,
    root: context.root,
    contentDir: context.contentDir,
    cmsDist: dirname(createRequire(import.meta.url).resolve('decap-cms')),
    local,
  });
  return {
    name: 'dateline',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const astroOutDir = fileURLToPath(config.outDir);
        handoff = command === 'build' ? readHandoff(astroOutDir) : undefined;
        context = handoff?.context ?? readContext(fileURLToPath(config.root), command === 'dev' ? 'preview' : 'production');
        const modules = new Map([
          [
            CONTEXT_MODULE,
            () =>
              `export const context = ${JSON.stringify(context)};\nexport const handoff = ${JSON.stringify(handoff ? handoffFile(astroOutDir) : null)};\n`,
          ],
          [
            LEAD_IMAGES_MODULE,
            () =>
              leadImagesModule(
                content().articles.flatMap((a) => (a.imageFile && isVisible(a, context.nowMs, context.mode) ? [a.imageFile] : [])),
              ),
          ],
        ]);
        let lastmods: Map<string, string> | undefined;
        updateConfig({
          site: context.site.url,
          trailingSlash: 'always',
          // DATELINE_OUT_DIR for a bare `astro build` or `astro preview`; an outDir given to Astro itself
          // (scripts/build.ts's staging folder, a test's preview of a fixture) is left alone.
          ...(handoff || !isAstroDefaultOutDir(config) ? {} : { outDir: pathToFileURL(`${context.outDir}/`) }),
          // Every stylesheet and script is a file: the Content-Security-Policy
          // allows nothing inline, and one cached file beats CSS in every page.
          build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
          vite: {
            build: { assetsInlineLimit: 0 },
            // Our own caches, staging folders and outputs are not sources to watch.
            server: {
              watch: { ignored: ['**/.cache/**', '**/dist/**', '**/.dist*', '**/dist.*', '**/bench-out/**', '**/screenshots/**'] },
            },
            plugins: [
              {
                name: 'dateline:modules',
                resolveId: (id: string) => (modules.has(id) ? `\0${id}` : undefined),
                load: (id: string) => (id.startsWith('\0') ? modules.get(id.slice(1))?.() : undefined),
              },
            ],
          },
          integrations: [
            sitemap({
              // Files of at most 45,000 URLs (the protocol allows 50,000) under /sitemap-index.xml.
              entryLimit: 45_000,
              customPages: handoff?.pageUrls ?? [],
              filter: isListedInSitemap,
              serialize(item) {
                lastmods ??= articleLastmods(buildArchive(content(), context.nowMs), context.site);
                const lastmod = lastmods.get(item.url);
                return lastmod ? { ...item, lastmod } : item;
              },
            }),
          ],
        });
      },
      // Security headers for the CDN (src/lib/outputs/security-headers.ts; README, "Security headers").
      'astro:build:done': ({ dir }) => {
        const endpoint = context.site.comments.endpoint;
        writeFileSync(
          join(fileURLToPath(dir), '_headers'),
          toHeadersFile(context.site, { formActions: endpoint ? [new URL(endpoint).origin] : [] }),
        );
        writeEditor(fileURLToPath(dir), editor(false));
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(editorMiddleware(() => editor(true)));
        const signal = devGenerationFile(context.cacheDir);
        mkdirSync(dirname(signal), { recursive: true });
        server.watcher.add(context.contentDir);
        server.watcher.on('all', (_event, file) => {
          if (!file.startsWith(context.contentDir + sep)) return;
          writeFileSync(signal, String(Date.now()));
          // Astro's own signal for "content changed": each server environment
          // clears its cache of getStaticPaths() results, so new, renamed and
          // edited articles all show.
          for (const environment of Object.values(server.environments)) {
            const images = environment.moduleGraph.getModuleById(`\0${LEAD_IMAGES_MODULE}`);
            if (images) environment.moduleGraph.invalidateModule(images);
            environment.hot.send('astro:content-changed', {});
          }
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}

/** Whether Astro's outDir is its default (dist/ in the project), so nothing asked for another. */
function isAstroDefaultOutDir(config: { root: URL; outDir: URL }): boolean {
  return config.outDir.href === new URL('./dist/', config.root).href;
}

/** The module's code: only published articles' photos, so no draft's photo is ever copied into the site. */
function leadImagesModule(files: string[]): string {
  const unique = [...new Set(files)];
  const imports = unique.map((file, i) => `import i${i} from ${JSON.stringify(file)};`);
  const entries = unique.map((file, i) => `[${JSON.stringify(file)}, i${i}]`);
  return `${imports.join('\n')}\nexport default new Map([${entries.join(', ')}]);\n`;
}
