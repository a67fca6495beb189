// One build context: the validated site config, the DATELINE_* settings and
// the build's clock, made once per command and handed to everything that needs
// them (the build script, the Astro integration, pages through the bridge).
// This module is pure: the environment, the clock and the raw config are
// passed in by src/bridge/environment.ts, the one place that reads them.
import { join, resolve } from 'node:path';
import { parseBuildClock } from '#lib/render/dates.ts';
import type { PublishMode } from '#lib/archive/publishing.ts';
import { parseSiteConfig, withCommentsEndpoint, withWebsubHub, type SiteConfig } from '#lib/content/site-config.ts';

/** The variables Dateline reads, each with what it sets; README "Environment" lists the same. */
export const ENVIRONMENT = {
  DATELINE_CONTENT_DIR: 'the content folder (default: content/)',
  DATELINE_OUT_DIR: 'the output folder (default: dist/)',
  DATELINE_CACHE_DIR: 'caches kept between builds (default: .cache/dateline/)',
  DATELINE_NOW: 'the build clock, an ISO date-time with offset (default: the system clock)',
  DATELINE_COMMENTS_ENDPOINT: "where reply forms post, instead of the site config's endpoint",
  DATELINE_WEBSUB_HUB: "the WebSub hub feeds name and deploys ping, instead of the site config's",
  DATELINE_FULL_BUILD: '1 renders every page, ignoring the previous build',
  DATELINE_LOG_LEVEL: 'info also prints Astro’s own log',
  DATELINE_LOCK_WAIT: 'seconds a build waits for another build of the same output to finish (default: 600; 0 fails at once)',
  DATELINE_STRICT_LINKS: '1 makes an internal link to no page an error instead of a warning',
  DATELINE_TEST_PAUSE: 'tests only: a build phase to pause at (see src/lib/build/pause.ts)',
} as const;

export type EnvironmentName = keyof typeof ENVIRONMENT;
export type Environment = Partial<Record<EnvironmentName, string | undefined>>;

/** Everything a build, the dev server or a checker needs to know about where and when it runs. */
export interface BuildContext {
  /** The project folder (site.config.ts, src/, public/). */
  root: string;
  contentDir: string;
  outDir: string;
  cacheDir: string;
  /** The build's clock: what is published is decided at this moment, once. */
  nowMs: number;
  /** Whether the clock came from DATELINE_NOW (else the system clock). */
  fixedClock: boolean;
  site: SiteConfig;
  /** `astro dev` previews drafts and embargoed stories, flagged; everything else publishes. */
  mode: PublishMode;
  fullBuild: boolean;
  verbose: boolean;
  strictLinks: boolean;
  /** How long a build waits for another build of the same output (DATELINE_LOCK_WAIT). */
  lockWaitMs: number;
  /** Tests only: the build phase to pause at (src/lib/build/pause.ts). */
  testPause?: string;
}

export interface ContextInput {
  root: string;
  /** The folder the command runs in: folders in variables, and the default folders, are taken from here. */
  cwd: string;
  env: Environment;
  /** The system clock, used when DATELINE_NOW is unset. */
  clockMs: number;
  /** site.config.ts's default export, not yet validated. */
  rawConfig: unknown;
  mode?: PublishMode;
}

/** Validates the config and the variables once; throws a message naming the setting at fault. */
export function resolveContext({ root, cwd, env, clockMs, rawConfig, mode = 'production' }: ContextInput): BuildContext {
  // One rule for every folder: taken from where the command runs (npm runs scripts in the project folder).
  const folder = (value: string | undefined, fallback: string): string => resolve(cwd, value || fallback);
  const site = withWebsubHub(withCommentsEndpoint(parseSiteConfig(rawConfig), env.DATELINE_COMMENTS_ENDPOINT), env.DATELINE_WEBSUB_HUB);
  return {
    root,
    contentDir: folder(env.DATELINE_CONTENT_DIR, 'content'),
    outDir: folder(env.DATELINE_OUT_DIR, 'dist'),
    cacheDir: folder(env.DATELINE_CACHE_DIR, join('.cache', 'dateline')),
    nowMs: parseBuildClock(env.DATELINE_NOW, clockMs),
    fixedClock: Boolean(env.DATELINE_NOW),
    site,
    mode,
    fullBuild: env.DATELINE_FULL_BUILD === '1',
    verbose: env.DATELINE_LOG_LEVEL === 'info',
    strictLinks: env.DATELINE_STRICT_LINKS === '1' || site.strictLinks,
    lockWaitMs: lockWait(env.DATELINE_LOCK_WAIT) * 1000,
    ...(env.DATELINE_TEST_PAUSE ? { testPause: env.DATELINE_TEST_PAUSE } : {}),
  };
}

function lockWait(value: string | undefined): number {
  if (value === undefined || value === '') return 600;
  if (!/^\d+$/.test(value))
    throw new Error(`DATELINE_LOCK_WAIT="${value}" is not a number of seconds; use e.g. DATELINE_LOCK_WAIT=60 (0 fails at once)`);
  return Number(value);
}

/** The file `astro dev` rewrites when content changes: a new value tells pages to load the archive again. */
export function devGenerationFile(cacheDir: string): string {
  return join(cacheDir, 'dev-generation');
}
