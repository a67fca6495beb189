// loadContent on content/comments/<article-slug>/<id>.md: what loads, and the
// message for each way a comment file can break the contract.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '#lib/content/problems.ts';
import { articleFile, commentFile, loadTree, loadTreeError, markdownFile, removeTempDirs } from './factories.ts';

afterEach(removeTempDirs);

/** The only problem reported, failing if there are more or none. */
function onlyProblem(files: Record<string, string>): Problem {
  const { problems } = loadTreeError(files);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

const ON = 'comments/first-story';

describe('loading comments', () => {
  it('loads a site without a comments folder, with no comments', () => {
    expect(loadTree({}).comments).toEqual([]);
  });

  it('keeps each comment’s frontmatter, id, article, file and path, but not its body', () => {
    const { comments } = loadTree({
      [`${ON}/c1.md`]: commentFile({ author: 'Ann Reader', publishedAt: '2026-11-24T10:00:00+01:00' }, 'First!\n'),
      [`${ON}/c2.md`]: commentFile({ author: 'Bo', inReplyTo: 'c1' }),
    });
    expect(comments).toHaveLength(2);
    const [c1, c2] = comments;
    expect(c1).toMatchObject({ id: 'c1', article: 'first-story', author: 'Ann Reader', publishedAt: '2026-11-24T10:00:00+01:00' });
    expect(c1!.publishedMs).toBe(Date.UTC(2026, 10, 24, 9, 0));
    expect(c1!.file).toBe(join('comments', 'first-story', 'c1.md'));
    expect(c1!.path.endsWith(join('comments', 'first-story', 'c1.md'))).toBe(true);
    expect(JSON.stringify(c1)).not.toContain('First!');
    expect(c2!.inReplyTo).toBe('c1');
  });

  it('accepts comments on drafts (they show once the article is published)', () => {
    const { comments } = loadTree({
      'articles/2026/first-story.md': articleFile({ draft: true }),
      [`${ON}/c1.md`]: commentFile(),
    });
    expect(comments.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('comment problems', () => {
  it('names a comment whose folder is no article, suggesting the nearest slug', () => {
    expect(onlyProblem({ 'comments/first-stroy/c1.md': commentFile() })).toEqual({
      file: join('comments', 'first-stroy', 'c1.md'),
      message:
        'is in content/comments/first-stroy/, but there is no article "first-stroy": did you mean "first-story"? ' +
        "A comment's folder is named after its article's file: move the comment there",
    });
  });

  it('does not report comments again when their article’s own file is broken', () => {
    const { problems } = loadTreeError({
      'articles/2026/first-story.md': articleFile({ title: undefined }),
      [`${ON}/c1.md`]: commentFile(),
    });
    expect(problems.map((p) => p.file)).toEqual([join('articles', '2026', 'first-story.md')]);
  });

  it('names a reply to a comment that does not exist, with the line and a suggestion', () => {
    const problem = onlyProblem({
      [`${ON}/c1.md`]: commentFile(),
      [`${ON}/c2.md`]: commentFile({ inReplyTo: 'c11' }),
    });
    expect(problem).toEqual({
      file: join('comments', 'first-story', 'c2.md'),
      line: 4,
      field: 'inReplyTo',
      message:
        '"c11" is not a comment on this article: did you mean "c1"? Use the id (file name without .md) of a comment in content/comments/first-story/, or remove the line',
    });
  });

  it('does not accept a reply to a comment on another article', () => {
    const problem = onlyProblem({
      'articles/2026/second-story.md': articleFile(),
      'comments/second-story/elsewhere.md': commentFile(),
      [`${ON}/c1.md`]: commentFile({ inReplyTo: 'elsewhere' }),
    });
    expect(problem.field).toBe('inReplyTo');
    expect(problem.message).toMatch(/^"elsewhere" is not a comment on this article\./);
  });

  it('does not report a reply again when the comment it answers is itself broken', () => {
    const { problems } = loadTreeError({
      [`${ON}/c1.md`]: commentFile({ author: undefined }),
      [`${ON}/c2.md`]: commentFile({ inReplyTo: 'c1' }),
    });
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([`${join('comments', 'first-story', 'c1.md')} author`]);
  });

  it('rejects an email field outright, naming the line, and says why', () => {
    const problem = onlyProblem({ [`${ON}/c1.md`]: commentFile({ email: 'ann@reader.example' }) });
    expect(problem).toEqual({
      file: join('comments', 'first-story', 'c1.md'),
      line: 4,
      field: 'email',
      message: "is a reader's email address: delete this line. Emails are never published, and must not be committed either",
    });
  });

  it.each(['Email', 'e-mail', 'authorEmail'])('rejects an email field spelt %s', (key) => {
    expect(onlyProblem({ [`${ON}/c1.md`]: commentFile({ [key]: 'ann@reader.example' }) }).field).toBe(key);
  });

  it('rejects an email address given as the author name', () => {
    const problem = onlyProblem({ [`${ON}/c1.md`]: commentFile({ author: 'ann.reader@mail.example' }) });
    expect(problem).toMatchObject({ field: 'author', line: 2 });
    expect(problem.message).toBe('looks like an email address, which must never be published: use the name the reader gave');
  });

  it('requires an author and a publishedAt with its offset', () => {
    const { problems } = loadTreeError({ [`${ON}/c1.md`]: commentFile({ author: undefined, publishedAt: '2026-11-24 10:00' }) });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'author: is required but missing: add a line "author: …"',
      'publishedAt: must be a date and time with a UTC offset, like 2026-11-24T08:30:00+00:00 (the offset, +00:00 or Z, is required)',
    ]);
  });

  it('rejects an unknown field, suggesting the right one', () => {
    expect(onlyProblem({ [`${ON}/c1.md`]: commentFile({ inReplyto: 'c0' }) }).message).toMatch(
      /^is not a field here: did you mean "inReplyTo"\?/,
    );
  });

  it('rejects an empty comment and an overlong one', () => {
    expect(onlyProblem({ [`${ON}/c1.md`]: commentFile({}, '\n  \n') }).message).toBe(
      'the comment is empty: the reader\'s text goes below the closing "---"',
    );
    expect(onlyProblem({ [`${ON}/c1.md`]: commentFile({}, 'x'.repeat(5001)) }).message).toBe(
      'the comment is 5,001 characters long; the most a comment may have is 5,000: shorten it, or leave it out (limits and their reasons: docs/content.md)',
    );
  });

  it('rejects a comment that answers itself', () => {
    expect(onlyProblem({ [`${ON}/c1.md`]: commentFile({ inReplyTo: 'c1' }) }).message).toBe(
      'names this comment itself: a comment cannot answer itself; remove the line',
    );
  });

  it('rejects a reply published before the comment it answers', () => {
    const problem = onlyProblem({
      [`${ON}/c1.md`]: commentFile({ publishedAt: '2026-11-24T12:00:00+00:00' }),
      [`${ON}/c2.md`]: commentFile({ publishedAt: '2026-11-24T11:00:00+00:00', inReplyTo: 'c1' }),
    });
    expect(problem.file).toBe(join('comments', 'first-story', 'c2.md'));
    expect(problem.message).toBe(
      'answers "c1", published 2026-11-24T12:00:00+00:00, after this comment (2026-11-24T11:00:00+00:00): a reply cannot come before the comment it answers; check both dates',
    );
  });

  it('rejects replies that answer each other in a loop, naming every one', () => {
    const { problems } = loadTreeError({
      [`${ON}/a.md`]: commentFile({ inReplyTo: 'b' }),
      [`${ON}/b.md`]: commentFile({ inReplyTo: 'a' }),
    });
    expect(problems.map((p) => p.file).sort()).toEqual([join('comments', 'first-story', 'a.md'), join('comments', 'first-story', 'b.md')]);
    expect(problems[0]!.message).toMatch(/^is part of a loop of replies \((a → b → a|b → a → b)\): one of them must answer the article/);
  });

  it('rejects comment files outside an article folder, badly named folders and files, and folders inside folders', () => {
    const { problems } = loadTreeError({
      'comments/stray.md': commentFile(),
      'comments/First Story/c1.md': commentFile(),
      [`${ON}/Bad Id.md`]: commentFile(),
      [`${ON}/nested/c1.md`]: commentFile(),
    });
    expect(problems.map((p) => `${p.file}: ${p.message}`).sort()).toEqual([
      `${join('comments', 'First Story')}: is not named after an article: a comment folder's name is its article's slug, like content/comments/harbour-accord-signed/`,
      `${join('comments', 'first-story', 'Bad Id.md')}: file name "Bad Id.md" is not a valid slug: use lower-case letters, digits and hyphens only, e.g. "bad-id.md"`,
      `${join('comments', 'first-story', 'nested')}: is a folder inside a comment folder: comments go directly in content/comments/<article-slug>/<id>.md`,
      `${join('comments', 'stray.md')}: is not in an article's folder: move it to content/comments/<article-slug>/, named after the article it is on`,
    ]);
  });

  it('lists comment problems together with every other problem in one error', () => {
    const { problems, message } = loadTreeError({
      'articles/2026/first-story.md': articleFile({ section: 'wrld' }),
      [`${ON}/c1.md`]: markdownFile({ author: 'A', publishedAt: '2026-11-24T10:00:00Z', email: 'a@b.example' }, 'Hi'),
      'comments/no-such-story/c1.md': commentFile(),
    });
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/^Dateline found 3 problems in 3 files; nothing was built\./);
  });
});
