// The one place that reads the environment, the system clock and site.config.ts:
// every command and the Astro integration get their BuildContext from here.
import rawConfig from '../../site.config.ts';
import { resolveContext, type BuildContext } from '#lib/build/context.ts';
import type { PublishMode } from '#lib/archive/publishing.ts';

/** The context for a command run in `root` now (the project folder). */
export function readContext(root: string, mode: PublishMode = 'production'): BuildContext {
  return resolveContext({ root, cwd: process.cwd(), env: process.env, clockMs: Date.now(), rawConfig, mode });
}
