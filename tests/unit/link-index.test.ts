// The build's link index (src/lib/build/links.ts): each story's links are kept
// by its file's digest, so an unchanged story is not read again to check them,
// and a changed one is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { brokenInternalLinks, LinkIndex } from '#lib/build/links.ts';
import { resolveContext } from '#lib/build/context.ts';
import { loadContent } from '#lib/content/load-content.ts';
import siteConfig from '../../site.config.ts';
import { articleFile, makeTempDir, PUBLISHED_MS, DAY, removeTempDirs, validTree, writeContentTree } from './factories.ts';

afterEach(removeTempDirs);

const ROOT = join(import.meta.dirname, '../..');

describe('the link index', () => {
  it('checks an unchanged story from its kept links, and reads a changed one again', () => {
    const dir = writeContentTree({
      ...validTree(),
      'articles/2026/linking.md': articleFile({ title: 'Linking' }, 'See [the missing page](/nowhere/).\n'),
    });
    const context = resolveContext({
      root: ROOT,
      cwd: ROOT,
      env: { DATELINE_CONTENT_DIR: dir },
      clockMs: PUBLISHED_MS + DAY,
      rawConfig: siteConfig,
    });
    const file = join(makeTempDir(), 'links.v8');
    const check = (header = 'code-1') => {
      const links = new LinkIndex(file, header);
      const archive = buildArchive(loadContent(dir), PUBLISHED_MS + DAY);
      const problems = brokenInternalLinks(context, archive, dir, links);
      links.save();
      return { problems: problems.map((p) => `${p.file.split('/').pop()}:${p.line}:${p.message.slice(0, 30)}`), stats: links.stats };
    };
    const first = check();
    expect(first.problems).toEqual(['linking.md:8:the link to "/nowhere/" leads ']);
    expect(first.stats).toEqual({ kept: 0, read: 2 });
    expect(check()).toEqual({ problems: first.problems, stats: { kept: 2, read: 0 } });
    writeFileSync(join(dir, 'articles/2026/linking.md'), articleFile({ title: 'Linking' }, 'See [the front page](/).\n'));
    expect(check()).toEqual({ problems: [], stats: { kept: 1, read: 1 } });
    // Other code may find links differently: nothing kept is used.
    expect(check('code-2').stats).toEqual({ kept: 0, read: 2 });
  });
});
