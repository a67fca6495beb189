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
import { buildSlot, keepingPrerenderer, setBuildSlot, type KeptBundleInfo, type Prerenderer } from '#lib/build/kept-bundle.ts';
import type { Content } from '#lib/content/content.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { editorMiddleware, writeEditor, type EditorInput } from '#lib/editor/admin-files.ts';
import { toHeadersFile } from '#lib/outputs/security-headers.ts';
import { articleLastmods, isListedInSitemap } from '#lib/outputs/sitemaps.ts';

/** Default export: Map from a photo's absolute path (Article.imageFile) to its ImageMetadata. */
export const LEAD_IMAGES_MODULE = 'virtual:dateline/lead-images';
/** Exports `context` (BuildContext) and `handoff` (the hand-off file's path, or null). */
export const CONTEXT_MODULE = 'virtual:dateline/context';

/**
 * The context module's code. In a build it reads the running build's slot
 * (src/lib/build/kept-bundle.ts), so the compiled pages hold nothing of one
 * build (its clock, its folders, its hand-off) and a later build can render
 * through them; `astro dev` has no slot and uses the values written in.
 */
function contextModule(context: BuildContext, handoff: string | null, outDir: string): string {
  return [
    `const slot = globalThis[Symbol.for('dateline.build')];`,
    `export const context = slot ? slot.context : ${JSON.stringify(context)};`,
    `export const handoff = slot ? slot.handoff : ${JSON.stringify(handoff)};`,
    `export const outDir = slot ? slot.outDir : ${JSON.stringify(outDir)};`,
    '',
  ].join('\n');
}

export function dateline(): AstroIntegration {
  let context: BuildContext;
  let handoff: Handoff | undefined;
  let outDir = '';
  let handoffPath: string | null = null;
  // Page routes with a fixed pathname, for a kept bundle's sitemap (src/lib/build/kept-bundle.ts).
  let pageRoutes: [string, string][] = [];
  // Content as the hand-off carries it, or read afresh (dev reloads after every change).
  const content = (): Content =>
    handoff?.content ?? loadContent(context.contentDir, { displayRoot: process.cwd(), language: context.site.language });
  const editor = (local: boolean): EditorInput => editorInput(context, local);
  return {
    name: 'dateline',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const astroOutDir = fileURLToPath(config.outDir);
        handoff = command === 'build' ? readHandoff(astroOutDir) : undefined;
        handoffPath = handoff ? handoffFile(astroOutDir) : null;
        context = handoff?.context ?? readContext(fileURLToPath(config.root), command === 'dev' ? 'preview' : 'production');
        const modules = new Map([
          [CONTEXT_MODULE, () => contextModule(context, handoffPath, outDir)],
          [
            LEAD_IMAGES_MODULE,
            () =>
              leadImagesModule(
                content().articles.flatMap((a) => (a.imageFile && isVisible(a, context.nowMs, context.mode) ? [a.imageFile] : [])),
              ),
          ],
        ]);
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
          integrations: [datelineSitemap(context, handoff?.pageUrls ?? [], content)],
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:routes:resolved': ({ routes }) => {
        pageRoutes = routes.flatMap((r) =>
          r.type === 'page' && r.pathname ? [[r.pathname, r.generate(r.pathname)] as [string, string]] : [],
        );
      },
      // scripts/build.ts asks to keep the compiled pages for the next build with the same code (src/lib/build/kept-bundle.ts).
      'astro:build:start': ({ setPrerenderer }) => {
        const keep = buildSlot()?.keepBundle;
        setBuildSlot({ context, handoff: handoffPath, outDir, ...(keep ? { keepBundle: keep } : {}) });
        if (!keep) return;
        // Astro prerenders from <outDir>/.prerender/ when outDir is under the working folder, else from ./.astro/ (getOutDirWithinCwd).
        const prerenderDir = outDir.startsWith(process.cwd()) ? join(outDir, '.prerender') : join(process.cwd(), '.astro');
        const nodeModules = join(context.root, 'node_modules');
        setPrerenderer(
          (base) => keepingPrerenderer(base as unknown as Prerenderer, prerenderDir, keep, nodeModules, () => pageRoutes) as never,
        );
      },
      // Security headers for the CDN (src/lib/outputs/security-headers.ts; README, "Security headers").
      'astro:build:done': ({ dir }) => afterBuild(fileURLToPath(dir), context, editor(false)),
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

/** @astrojs/sitemap, told about every page (an incremental build renders only some) and each article's lastmod. */
export function datelineSitemap(context: BuildContext, pageUrls: string[], content: () => Content): AstroIntegration {
  let lastmods: Map<string, string> | undefined;
  return sitemap({
    // Files of at most 45,000 URLs (the protocol allows 50,000) under /sitemap-index.xml.
    entryLimit: 45_000,
    customPages: pageUrls,
    filter: isListedInSitemap,
    serialize(item) {
      lastmods ??= articleLastmods(buildArchive(content(), context.nowMs), context.site);
      const lastmod = lastmods.get(item.url);
      return lastmod ? { ...item, lastmod } : item;
    },
  });
}

/**
 * After pages rendered through a kept bundle (src/lib/build/kept-bundle.ts):
 * what astro:build:done does in an `astro build`, with the same inputs: the
 * sitemaps (@astrojs/sitemap, given the page routes and rendered pages Astro
 * would give it), `_headers` and the editor.
 */
export async function afterKeptBundleBuild(
  dir: string,
  handoff: Handoff,
  info: Pick<KeptBundleInfo, 'config' | 'pageRoutes'>,
  pages: string[],
): Promise<void> {
  const { context } = handoff;
  const hooks = datelineSitemap(context, handoff.pageUrls, () => handoff.content).hooks as Record<string, (params: unknown) => unknown>;
  const say = (message: string): void => void process.stderr.write(`[@astrojs/sitemap] ${message}\n`);
  const logger = { info: () => undefined, debug: () => undefined, warn: say, error: say };
  const routes = info.pageRoutes.map(([pathname, path]) => ({ type: 'page', pathname, generate: () => path, fallbackRoutes: [] }));
  const { site, base, trailingSlash, format } = info.config;
  await hooks['astro:routes:resolved']!({ routes, logger });
  await hooks['astro:config:done']!({ config: { site, base, trailingSlash, build: { format } }, logger });
  await hooks['astro:build:done']!({ dir: pathToFileURL(`${dir}/`), pages: pages.map((pathname) => ({ pathname })), logger });
  afterBuild(dir, context, editorInput(context, false));
}

/** What Dateline writes into a built site after the pages: the `_headers` file and the editor at /admin/. */
export function afterBuild(dir: string, context: BuildContext, editor: EditorInput): void {
  const endpoint = context.site.comments.endpoint;
  writeFileSync(join(dir, '_headers'), toHeadersFile(context.site, { formActions: endpoint ? [new URL(endpoint).origin] : [] }));
  writeEditor(dir, editor);
}

function editorInput(context: BuildContext, local: boolean): EditorInput {
  return {
    site: context.site,
    root: context.root,
    contentDir: context.contentDir,
    cmsDist: dirname(createRequire(import.meta.url).resolve('decap-cms')),
    local,
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
