import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { closest, issuesToProblems } from '#lib/content/schema-messages.ts';

describe('closest', () => {
  it('suggests the known name nearest to a typo', () => {
    expect(closest('tilte', ['title', 'dek', 'section'])).toBe('title');
    expect(closest('wrold', ['business', 'world'])).toBe('world');
    expect(closest('publishedat', ['publishedAt', 'updatedAt'])).toBe('publishedAt');
  });

  it('suggests nothing when no name is close enough to be a typo', () => {
    expect(closest('wordcount', ['title', 'dek', 'section'])).toBeUndefined();
    expect(closest('sport', ['world', 'business'])).toBeUndefined();
    expect(closest('anything', [])).toBeUndefined();
  });

  it('allows more mistakes in longer words', () => {
    expect(closest('ab', ['xy'])).toBe('xy'); // two edits allowed even for short words
    expect(closest('abc', ['xyz'])).toBeUndefined();
    expect(closest('correctoins', ['corrections'])).toBe('corrections');
  });

  it('prefers the nearer of two candidates', () => {
    expect(closest('desks', ['dek', 'desk'])).toBe('desk');
  });
});

describe('issuesToProblems', () => {
  const schema = z.strictObject({
    title: z.string(),
    count: z.number().optional(),
    draft: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    custom: z.string({ message: 'is a field with its own words' }).optional(),
    image: z.strictObject({ src: z.string() }).optional(),
  });
  const keyLines = new Map([
    ['title', 2],
    ['count', 3],
    ['draft', 4],
    ['tags', 5],
    ['custom', 6],
    ['image', 7],
    ['tilte', 8],
  ]);

  function problemsFor(input: unknown) {
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) throw new Error('expected the input to fail');
    return issuesToProblems(result.error.issues, 'articles/2026/a.md', keyLines, Object.keys(schema.shape));
  }

  it('says a missing field is required and how to add it', () => {
    const [problem] = issuesToProblems(schema.safeParse({}, { reportInput: true }).error!.issues, 'a.md', new Map(), []);
    expect(problem).toEqual({ file: 'a.md', field: 'title', message: 'is required but missing: add a line "title: …"' });
  });

  it.each([
    [{ title: 42 }, 'title', 'must be text, not a number (42) (put it in double quotes)'],
    [{ title: true }, 'title', 'must be text, not boolean (true) (put it in double quotes)'],
    [{ title: null }, 'title', 'must be text, not empty (put it in double quotes)'],
    [{ title: ['a'] }, 'title', 'must be text, not a list (put it in double quotes)'],
    [{ title: { a: 1 } }, 'title', 'must be text, not a group of fields (put it in double quotes)'],
    [{ title: 'T', count: 'three' }, 'count', 'must be a number, not text ("three")'],
    [{ title: 'T', draft: 'yes' }, 'draft', 'must be true or false, not text ("yes")'],
    [{ title: 'T', tags: 'ports' }, 'tags', 'must be a list, not text ("ports")'],
    [{ title: 'T', image: '/a.jpg' }, 'image', 'must be a group of fields, not text ("/a.jpg")'],
  ])("words a wrong type in a writer's terms (%j)", (input, field, message) => {
    expect(problemsFor(input)).toEqual([{ file: 'articles/2026/a.md', field, line: keyLines.get(field), message }]);
  });

  it('keeps a message the schema already words for writers', () => {
    expect(problemsFor({ title: 'T', custom: 5 })[0]!.message).toBe('is a field with its own words');
  });

  it('names a nested field by its full path with the line of its top-level key', () => {
    expect(problemsFor({ title: 'T', image: {} })).toEqual([
      { file: 'articles/2026/a.md', field: 'image.src', line: 7, message: 'is required but missing: add a line "src: …"' },
    ]);
  });

  it('reports each unknown key separately, with a typo hint at top level only', () => {
    const problems = problemsFor({ title: 'T', tilte: 'x', image: { src: '/a.jpg', scr: '/b.jpg' } });
    expect(problems).toContainEqual({
      file: 'articles/2026/a.md',
      field: 'tilte',
      line: 8,
      message: 'is not a field here: did you mean "title"? Fix the name or remove the line (see docs/content.md for the fields)',
    });
    expect(problems).toContainEqual({
      file: 'articles/2026/a.md',
      field: 'image.scr',
      line: 7,
      message: 'is not a field here. Fix the name or remove the line (see docs/content.md for the fields)',
    });
  });

  it('leaves out the line when the key has none', () => {
    const [problem] = issuesToProblems(schema.safeParse({ title: 1 }, { reportInput: true }).error!.issues, 'a.md', new Map(), []);
    expect(problem).not.toHaveProperty('line');
  });

  it('words an empty list', () => {
    const lists = z.object({ quotes: z.array(z.string()).min(1) });
    const issues = lists.safeParse({ quotes: [] }, { reportInput: true }).error!.issues;
    expect(issuesToProblems(issues, 'a.md', new Map(), [])[0]!.message).toBe('is an empty list: add an item or remove the field');
  });
});
