// Reusing Astro's compiled page bundle (docs/decisions/0017-reusing-the-astro-bundle.md).
//
// `astro build` bundles every page with Vite (about 5 s at any archive size)
// before it renders the few pages an incremental build asks for. The bundle
// depends only on the code, the site config and the lead photos imported
// beside stories; so a build keeps it in the cache (with the little of Astro's
// build state that rendering reads: each page's stylesheets), and the next
// build with the same bundle key renders the changed pages through it, the way
// Astro's own default prerenderer does (astro/dist/core/build/default-prerenderer.js),
// without starting Vite.
//
// Astro's pieces used here are internal: `renderPath` (dist/core/build/generate.js),
// `StaticPaths` (astro/runtime/prerender/static-paths.js) and the BuildApp the
// prerender entry exports (setInternals, setOptions). The kept bundle records
// the Astro version it was made by, and a different version is never reused.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildContext } from './context.ts';

/** What the Astro integration and the pages read from the running build (a global: Astro loads them in other module graphs). */
export interface BuildSlot {
  context: BuildContext;
  /** The hand-off file (src/lib/build/handoff.ts), or null. */
  handoff: string | null;
  /** The folder pages are written into (Astro's outDir for this build). */
  outDir: string;
  /** Where to keep this build's page bundle, and its key, when scripts/build.ts asks for it. */
  keepBundle?: { dir: string; key: string };
}

const SLOT = Symbol.for('dateline.build');

export function setBuildSlot(slot: BuildSlot | undefined): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = slot;
}

export function buildSlot(): BuildSlot | undefined {
  return (globalThis as Record<symbol, unknown>)[SLOT] as BuildSlot | undefined;
}

/** The file beside the kept bundle's modules describing it. */
const INFO = 'dateline-bundle.json';

/** What rendering through a kept bundle needs besides its modules: a little of Astro's build state and config. */
export interface KeptBundleInfo {
  version: 1;
  /** bundleKey(): what the bundle was made from. */
  key: string;
  astro: string;
  /** The prerender entry module's file name in the bundle folder. */
  entry: string;
  /** Astro's internals.pagesByKeys, reduced to what rendering reads: each page's stylesheets. */
  pages: [string, unknown[]][];
  /** Astro's internals.entrySpecifierToBundleMap. */
  bundleMap: [string, string][];
  /** settings.scripts (injected scripts). */
  scripts: unknown[];
  config: {
    base: string;
    site: string;
    trailingSlash: string;
    format: string;
    compressHTML: boolean;
    redirects: boolean;
    publicDir: string;
    /** config.image.service.entrypoint, part of an optimized image's name. */
    imageService: string;
    /** config.build.assets ("_astro"). */
    assetsDir: string;
    /** Whether config.build.assetsPrefix is set (then images are never reused). */
    assetsPrefix: boolean;
  };
  origin: string;
  /** Page routes with a fixed pathname, and their URL path, for @astrojs/sitemap's route list. */
  pageRoutes: [string, string][];
}

/** What the bundle is made from besides the code: the site config (environment overrides too) and the imported lead photos. */
export function bundleKey(code: string, context: BuildContext, leadPhotos: readonly string[]): string {
  return createHash('sha1')
    .update(JSON.stringify([code, context.site, [...new Set(leadPhotos)].sort(), astroVersion()]))
    .digest('hex');
}

/** The folder the bundle for builds of `outDir` is kept in (one per output, like the manifest: its build lock covers it). */
export function keptBundleDir(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'bundles', createHash('sha1').update(outDir).digest('hex').slice(0, 16));
}

/** The kept bundle's description, when a complete bundle for `key` made by this Astro is there. */
export function readKeptBundle(dir: string, key: string): KeptBundleInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(dir, INFO), 'utf8')) as KeptBundleInfo;
    return info.version === 1 && info.key === key && info.astro === astroVersion() && existsSync(join(dir, info.entry)) ? info : undefined;
  } catch {
    return undefined;
  }
}

function astroDir(): string {
  return dirname(createRequire(import.meta.url).resolve('astro/package.json'));
}

function astroVersion(): string {
  return (JSON.parse(readFileSync(join(astroDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

// The parts of Astro's prerenderer API (astro:build:start's setPrerenderer) used here.
interface PathWithRoute {
  pathname: string;
  route: { type: string; component: string; route: string };
}
export interface Prerenderer {
  name: string;
  setup?: () => Promise<void>;
  getStaticPaths: () => Promise<PathWithRoute[]>;
  render: (request: Request, options: { routeData: never; collectMetadata?: boolean }) => Promise<unknown>;
  collectStaticImages?: () => Promise<unknown>;
  teardown?: () => Promise<void>;
  app?: BuildApp;
}
interface AstroInternals {
  prerenderEntryFileName: string;
  pagesByKeys: Map<string, { styles: unknown[] }>;
  entrySpecifierToBundleMap: Map<string, string>;
}
interface BuildApp {
  manifest: unknown;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  getOptions(): {
    origin: string;
    settings: {
      scripts: unknown[];
      config: {
        base: string;
        site: string;
        trailingSlash: string;
        compressHTML: boolean;
        publicDir: URL;
        image: { service: { entrypoint: string } };
        build: { format: string; redirects: boolean; assets: string; assetsPrefix?: unknown };
      };
    };
  };
}

/**
 * Astro's default prerenderer, which also keeps the bundle it renders with in
 * `into` (replacing any other kept bundle beside it) once every page is written.
 */
export function keepingPrerenderer(
  base: Prerenderer,
  prerenderDir: string,
  into: { dir: string; key: string },
  nodeModules: string,
  pageRoutes: () => [string, string][],
): Prerenderer {
  let internals: AstroInternals | undefined;
  return {
    name: 'dateline:keep-bundle',
    async setup() {
      // The default prerenderer imports the entry and hands it Astro's internals; import it first to see them.
      const entryName = readdirSync(prerenderDir).find((name) => /^prerender-entry\..*\.mjs$/.test(name));
      if (entryName) {
        const entry = (await import(pathToFileURL(join(prerenderDir, entryName)).href)) as { app: BuildApp };
        const setInternals = entry.app.setInternals.bind(entry.app);
        entry.app.setInternals = (value: unknown) => {
          internals = value as AstroInternals;
          setInternals(value);
        };
      }
      await base.setup?.();
    },
    getStaticPaths: () => base.getStaticPaths(),
    render: (request, options) => base.render(request, options),
    ...(base.collectStaticImages ? { collectStaticImages: () => base.collectStaticImages!() } : {}),
    async teardown() {
      await base.teardown?.();
      const app = base.app;
      if (!internals || !app) return;
      const { settings, origin } = app.getOptions();
      const { config } = settings;
      const info: KeptBundleInfo = {
        version: 1,
        key: into.key,
        astro: astroVersion(),
        entry: internals.prerenderEntryFileName,
        pages: [...internals.pagesByKeys].map(([key, page]) => [key, page.styles]),
        bundleMap: [...internals.entrySpecifierToBundleMap],
        scripts: settings.scripts,
        config: {
          base: config.base,
          site: config.site,
          trailingSlash: config.trailingSlash,
          format: config.build.format,
          compressHTML: config.compressHTML,
          redirects: config.build.redirects,
          publicDir: fileURLToPath(config.publicDir),
          imageService: config.image.service.entrypoint,
          assetsDir: config.build.assets,
          assetsPrefix: config.build.assetsPrefix !== undefined,
        },
        origin,
        pageRoutes: pageRoutes(),
      };
      const staging = `${into.dir}.${process.pid}.tmp`;
      mkdirSync(dirname(staging), { recursive: true });
      // Builds of one output take turns (its lock): any other copy under way is a stopped build's.
      const name = basename(into.dir);
      for (const entry of readdirSync(dirname(staging))) {
        if (entry.startsWith(`${name}.`) && entry.endsWith('.tmp')) rmSync(join(dirname(staging), entry), { recursive: true, force: true });
      }
      cpSync(prerenderDir, staging, { recursive: true });
      writeFileSync(join(staging, INFO), JSON.stringify(info));
      // The chunks import packages (astro, our dependencies) by name: from the cache they find them through this link.
      symlinkSync(nodeModules, join(staging, 'node_modules'), 'dir');
      // The bundle this one replaces (other code, say) is of no more use.
      rmSync(into.dir, { recursive: true, force: true });
      renameSync(staging, into.dir);
    },
  };
}

/** What the pages rendered through a kept bundle were; Astro's astro:build:done gets the same `pages`. */
export interface KeptBundleResult {
  /** Pathnames of page routes rendered, as Astro lists them for astro:build:done (no leading slash, a trailing one). */
  pages: string[];
  files: number;
}

/**
 * Renders every page the pages' getStaticPaths return (an incremental build's
 * pages to render, and the pages rendered every build) into `outDir` through
 * the bundle kept in `dir`, as `astro build` would have written them, and
 * copies public/ beside them. Throws when a page asks for something only a
 * full `astro build` does (an optimized image): the caller then runs Astro.
 */
export async function renderWithKeptBundle(
  dir: string,
  info: KeptBundleInfo,
  outDir: string,
  previousOutDir: string,
): Promise<KeptBundleResult> {
  const astro = astroDir();
  const internal = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(astro, path)).href)) as T;
  const { renderPath } = await internal<{ renderPath: (args: unknown) => Promise<{ body: Buffer; outFile: URL; outFolder: URL } | null> }>(
    'dist/core/build/generate.js',
  );
  const { StaticPaths } = await internal<{ StaticPaths: new (app: unknown) => { getAll(): Promise<PathWithRoute[]> } }>(
    'dist/runtime/prerender/static-paths.js',
  );
  const entry = (await import(pathToFileURL(join(dir, info.entry)).href)) as { app: BuildApp };
  const app = entry.app;
  const logger = quietLogger();
  const config = {
    base: info.config.base,
    site: info.config.site,
    trailingSlash: info.config.trailingSlash,
    compressHTML: info.config.compressHTML,
    outDir: pathToFileURL(`${outDir}/`),
    publicDir: pathToFileURL(`${info.config.publicDir}/`),
    build: { format: info.config.format, redirects: info.config.redirects },
  };
  const settings = { config, scripts: info.scripts, buildOutput: 'static', adapter: undefined };
  const options = { settings, logger, origin: info.origin, routesList: { routes: [] }, pageNames: [] };
  app.setInternals({
    prerenderEntryFileName: info.entry,
    pagesByKeys: new Map(info.pages.map(([key, styles]) => [key, { styles }])),
    entrySpecifierToBundleMap: new Map(info.bundleMap),
  });
  app.setOptions(options);

  // Optimized images are made by `astro build` after rendering. A page here may name one the previous
  // build made (its name is a digest of the photo and the transform, as Astro's addStaticImage makes it,
  // astro/dist/assets/vite-plugin-assets.js); a page that needs a new one cannot be rendered here.
  const { hashTransform, propsToFilename } = await internal<ImageNaming>('dist/assets/utils/hash.js');
  const { joinPaths, prependForwardSlash } = await internal<PathHelpers>('dist/core/path.js');
  const { createPlaceholderURL, stringifyPlaceholderURL } = await internal<PlaceholderUrls>('dist/assets/utils/url.js');
  const assets = ((globalThis as { astroAsset?: Record<string, unknown> }).astroAsset ??= {});
  const before = assets.addStaticImage;
  assets.addStaticImage = (options: { src: string | { src: string } }, hashProperties: string[]): string => {
    const imported = typeof options.src === 'object';
    const src = typeof options.src === 'object' ? options.src.src : options.src;
    if (info.config.base !== '/' || info.config.assetsPrefix) throw new Error('optimized images with a base or assetsPrefix');
    const hash = hashTransform(options, info.config.imageService, hashProperties);
    const finalPath = prependForwardSlash(
      joinPaths(imported ? '' : info.config.assetsDir, prependForwardSlash(propsToFilename(src, options, hash))),
    );
    if (!existsSync(join(previousOutDir, decodeURI(finalPath))))
      throw new Error(`a page needs an optimized image the last build did not make (${finalPath})`);
    return stringifyPlaceholderURL(createPlaceholderURL(encodeURI(prependForwardSlash(joinPaths(info.config.base, finalPath)))));
  };
  const pages: string[] = [];
  let files = 0;
  try {
    const paths = await new StaticPaths(app).getAll();
    const prerenderer = { render: (request: Request, { routeData }: { routeData: never }) => renderFor(app, request, routeData) };
    const seen = new Set<string>();
    const queue = paths.filter(({ pathname }) => {
      const normal = pathname.replace(/\/$/, '');
      if (seen.has(normal)) return false;
      seen.add(normal);
      return true;
    });
    const work = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { pathname, route } = next;
        if (route.type === 'page') pages.push(pathname.replace(/\/?$/, '/').replace(/^\//, ''));
        const result = await renderPath({ prerenderer, pathname, route, options, logger });
        if (!result) continue;
        mkdirSync(result.outFolder, { recursive: true });
        writeFileSync(result.outFile, result.body);
        files++;
      }
    };
    await Promise.all([work(), work(), work(), work()]);
  } finally {
    if (before === undefined) delete assets.addStaticImage;
    else assets.addStaticImage = before;
  }
  cpSync(info.config.publicDir, outDir, { recursive: true });
  return { pages, files };
}

interface ImageNaming {
  hashTransform(transform: unknown, imageService: string, properties: string[]): string;
  propsToFilename(filePath: string, transform: unknown, hash: string): string;
}
interface PathHelpers {
  joinPaths(...paths: string[]): string;
  prependForwardSlash(path: string): string;
}
interface PlaceholderUrls {
  createPlaceholderURL(path: string): URL;
  stringifyPlaceholderURL(url: URL): string;
}

async function renderFor(app: BuildApp, request: Request, routeData: never): Promise<Response> {
  return (app as unknown as { render(request: Request, options: { routeData: never }): Promise<Response> }).render(request, { routeData });
}

/** An Astro logger that prints only errors (what `astro build` prints at logLevel "warn", less its warnings' formatting). */
function quietLogger() {
  const print = (level: string, label: string | null, message: string): void => {
    if (level === 'error' || level === 'warn') process.stderr.write(`[${label ?? 'astro'}] ${message}\n`);
  };
  const destination = {
    write: (event: { level: string; label: string | null; message: string }) => (print(event.level, event.label, event.message), true),
  };
  const options = { destination, level: 'warn' };
  return {
    options,
    level: () => 'warn',
    setDestination: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    warn: (label: string | null, message: string) => print('warn', label, message),
    error: (label: string | null, message: string) => print('error', label, message),
    forkIntegrationLogger: () => quietLogger(),
  };
}
