import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkdownKind, MarkdownOptions } from '#lib/render/markdown.ts';
import { cacheWritesSettled, createCachedRenderer, renderArticleBody, renderCommentBody } from '#lib/render/render-body.ts';
import { articleFile, commentFile, makeTempDir, removeTempDirs, writeContentTree } from './factories.ts';

// Count every real render, so a cache hit can be told from a fresh render;
// `version` stands in for PIPELINE_VERSION when a test sets it.
const renders = vi.hoisted(() => ({ count: 0, version: undefined as number | undefined }));
vi.mock('#lib/render/markdown.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('#lib/render/markdown.ts')>();
  return {
    ...actual,
    get PIPELINE_VERSION() {
      return renders.version ?? actual.PIPELINE_VERSION;
    },
    createMarkdownRenderer: (options: MarkdownOptions) => {
      const render = actual.createMarkdownRenderer(options);
      return (kind: MarkdownKind, markdown: string): string => {
        renders.count++;
        return render(kind, markdown);
      };
    },
  };
});

beforeEach(() => {
  renders.count = 0;
  renders.version = undefined;
});
afterEach(removeTempDirs);

const HOST = 'www.youtube-nocookie.com';
const EMBED = `Watch:\n\n<iframe src="https://${HOST}/embed/abc"></iframe>\n`;

/** Every file under the cache folder, as paths relative to it. */
function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('createCachedRenderer', async () => {
  it('renders straight through the pipeline when no cache folder is set', async () => {
    const render = createCachedRenderer({ embedHosts: [] });
    expect(render('article', 'Hello *there*')).toContain('<em>there</em>');
    render('article', 'Hello *there*');
    expect(renders.count).toBe(2);
  });

  it('renders once and then reads the second request from the cache', async () => {
    const cacheDir = makeTempDir();
    const render = createCachedRenderer({ embedHosts: [], cacheDir });
    const first = render('article', 'Hello *there*');
    expect(renders.count).toBe(1);
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    expect(render('article', 'Hello *there*')).toBe(first);
    expect(renders.count).toBe(1);
  });

  it('serves what is in the cache file, so a later build reuses it without rendering', async () => {
    const cacheDir = makeTempDir();
    createCachedRenderer({ embedHosts: [], cacheDir })('article', 'Hello');
    await cacheWritesSettled();
    const [file] = cacheFiles(cacheDir);
    expect(readFileSync(join(cacheDir, file!), 'utf8')).toContain('<p>Hello</p>');
    writeFileSync(join(cacheDir, file!), '<p>from the cache</p>');
    // A new renderer, as in the next build, with the same settings.
    const nextBuild = createCachedRenderer({ embedHosts: [], cacheDir });
    renders.count = 0;
    expect(nextBuild('article', 'Hello')).toBe('<p>from the cache</p>');
    expect(renders.count).toBe(0);
  });

  it('keeps separate entries for different Markdown', async () => {
    const cacheDir = makeTempDir();
    const render = createCachedRenderer({ embedHosts: [], cacheDir });
    expect(render('article', 'One')).toContain('One');
    expect(render('article', 'Two')).toContain('Two');
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(2);
  });

  it('keeps separate entries for each kind of text', async () => {
    const cacheDir = makeTempDir();
    const render = createCachedRenderer({ embedHosts: [], cacheDir });
    const markdown = '[site](https://reader.example)';
    const asArticle = render('article', markdown);
    const asComment = render('comment', markdown);
    expect(asComment).toContain('nofollow');
    expect(asArticle).not.toContain('nofollow');
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(2);
  });

  it('uses a different cache key when embedHosts change, so embeds are not served stale', async () => {
    const cacheDir = makeTempDir();
    const withoutHost = createCachedRenderer({ embedHosts: [], cacheDir })('article', EMBED);
    const withHost = createCachedRenderer({ embedHosts: [HOST], cacheDir })('article', EMBED);
    expect(withoutHost).not.toContain('<iframe');
    expect(withHost).toContain('<iframe');
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(2);
    expect(renders.count).toBe(2);
  });

  it('shares entries between configs that list the same hosts in another order', async () => {
    const cacheDir = makeTempDir();
    createCachedRenderer({ embedHosts: [HOST, 'player.vimeo.com'], cacheDir })('article', EMBED);
    createCachedRenderer({ embedHosts: ['player.vimeo.com', HOST], cacheDir })('article', EMBED);
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    expect(renders.count).toBe(1);
  });

  it('renders again after the pipeline version changes, so HTML cached by an older pipeline is not served', async () => {
    const cacheDir = makeTempDir();
    renders.version = 3;
    createCachedRenderer({ embedHosts: [], cacheDir })('article', '## Details');
    await cacheWritesSettled();
    expect(renders.count).toBe(1);
    renders.version = 4;
    const html = createCachedRenderer({ embedHosts: [], cacheDir })('article', '## Details');
    expect(renders.count).toBe(2);
    expect(html).toContain('id="user-content-details"');
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(2);
  });

  it('uses a different cache key for another site language, whose quotation marks differ', async () => {
    const cacheDir = makeTempDir();
    const english = createCachedRenderer({ embedHosts: [], cacheDir, language: 'en-GB' })('article', 'She said "yes".');
    const german = createCachedRenderer({ embedHosts: [], cacheDir, language: 'de' })('article', 'She said "yes".');
    expect(english).toContain('“yes”.');
    expect(german).toContain('„yes“.');
    expect(renders.count).toBe(2);
  });

  it('leaves no temporary files behind', async () => {
    const cacheDir = makeTempDir();
    const render = createCachedRenderer({ embedHosts: [], cacheDir });
    for (const text of ['a', 'b', 'c']) render('article', text);
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir).length).toBeGreaterThan(0);
    expect(cacheFiles(cacheDir).every((f) => f.endsWith('.html'))).toBe(true);
  });
});

describe('renderArticleBody', () => {
  it('reads the file and renders only its body', () => {
    const dir = writeContentTree({ 'articles/2026/story.md': articleFile({ title: 'Secret headline' }, 'The *story* itself.\n') });
    const html = renderArticleBody(
      { path: join(dir, 'articles/2026/story.md'), file: 'articles/2026/story.md' },
      createCachedRenderer({ embedHosts: [] }),
    );
    expect(html).toContain('<em>story</em>');
    expect(html).not.toContain('Secret headline');
    expect(html).not.toContain('publishedAt');
  });

  it('renders the body as an article, with iframes and headings handled', () => {
    const dir = writeContentTree({ 'articles/2026/story.md': articleFile({}, `# Part one\n\n${EMBED}`) });
    const html = renderArticleBody(
      { path: join(dir, 'articles/2026/story.md'), file: 'articles/2026/story.md' },
      createCachedRenderer({ embedHosts: [HOST] }),
    );
    expect(html).toContain('<h2 id="user-content-part-one">Part one</h2>');
    expect(html).toContain('sandbox=');
  });

  it('throws naming the file when it changed into something unreadable during the build', () => {
    const dir = writeContentTree({ 'articles/2026/story.md': 'no frontmatter any more' });
    expect(() =>
      renderArticleBody(
        { path: join(dir, 'articles/2026/story.md'), file: 'articles/2026/story.md' },
        createCachedRenderer({ embedHosts: [] }),
      ),
    ).toThrow(/^articles\/2026\/story\.md changed during the build: has no frontmatter/);
  });
});

describe('renderCommentBody', () => {
  const hostile =
    'Nice <script>alert(1)</script> <img src=x onerror=alert(2)> ![pixel](https://evil.example/p.gif) [site](javascript:alert(3)) [mine](https://reader.example)\n';

  it('reads the comment file and renders its body as hostile input', () => {
    const dir = writeContentTree({ 'comments/story/c1.md': commentFile({ author: 'Secret Author' }, hostile) });
    const html = renderCommentBody(
      { path: join(dir, 'comments/story/c1.md'), file: 'comments/story/c1.md' },
      createCachedRenderer({ embedHosts: [] }),
    );
    expect(html).not.toMatch(/<script|<img|onerror|javascript:|Secret Author/);
    expect(html).toContain('<a href="https://reader.example" rel="nofollow ugc noopener">mine</a>');
  });

  it('goes through the render cache, so an unchanged comment is rendered once', async () => {
    const dir = writeContentTree({ 'comments/story/c1.md': commentFile({}, 'Cached *reply*.\n') });
    const render = createCachedRenderer({ embedHosts: [], cacheDir: makeTempDir() });
    const comment = { path: join(dir, 'comments/story/c1.md'), file: 'comments/story/c1.md' };
    const first = renderCommentBody(comment, render);
    await cacheWritesSettled();
    expect(renderCommentBody(comment, render)).toBe(first);
    expect(renders.count).toBe(1);
  });
});

describe('cache writes in the background', () => {
  it('serves an entry still being written from memory, without rendering it again', async () => {
    const cacheDir = makeTempDir();
    const render = createCachedRenderer({ embedHosts: [], cacheDir });
    renders.count = 0;
    const first = render('article', 'Written *later*');
    // No await: the write has not landed yet.
    expect(render('article', 'Written *later*')).toBe(first);
    expect(renders.count).toBe(1);
    await cacheWritesSettled();
    expect(cacheFiles(cacheDir)).toHaveLength(1);
  });
});
