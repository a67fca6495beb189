// `npm run due`: whether a build of the site is needed now, for a scheduler
// (the publish workflow's 5-minute schedule). A build is due when no finished
// build of the output folder is recorded, the output is missing, the content,
// site config or code changed since that build, or the moment it recorded as
// the site's next change by the clock alone has come (an embargo lifting, a
// reply form closing, a story leaving the news sitemap: src/lib/build/schedule.ts).
//
// Files git knows unchanged count by their blob ids, not read (src/lib/content/content-index.ts).
//
// Exit codes: 0 a build is due, 1 nothing is due, 2 the question could not be
// answered. Prints why on one line.
//
// Settings: DATELINE_CONTENT_DIR, DATELINE_OUT_DIR, DATELINE_CACHE_DIR, DATELINE_NOW (src/lib/build/context.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readContext } from '../src/bridge/environment.ts';
import { codeDigest } from '#lib/build/code-digest.ts';
import { gitBlobIds } from '#lib/content/content-index.ts';
import { inputsDigest, isBuildDue, readSchedule, scheduleFile } from '#lib/build/schedule.ts';

const root = resolve(import.meta.dirname, '..');

try {
  const started = performance.now();
  const context = readContext(root);
  const record = readSchedule(scheduleFile(context.cacheDir, context.outDir));
  const answer = !existsSync(join(context.outDir, 'index.html'))
    ? { due: true, why: `${context.outDir} holds no built site` }
    : isBuildDue(
        record,
        record ? inputsDigest(codeDigest(root), context.site, context.contentDir, gitBlobIds(context.contentDir)) : '',
        context.nowMs,
      );
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`${answer.due ? 'build due' : 'no build due'}: ${answer.why} (${ms} ms)\n`);
  process.exit(answer.due ? 0 : 1);
} catch (error) {
  process.stderr.write(`[due] could not tell whether a build is due: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
