import { describe, expect, it } from 'vitest';
import { checkCrossReferences } from '#lib/content/cross-checks.ts';
import { makeArticle, makeDesk, makeSection } from './factories.ts';

const sections = [makeSection({ slug: 'world' }), makeSection({ slug: 'business' })];
const desks = [makeDesk({ slug: 'news-desk' })];

describe('checkCrossReferences', () => {
  it('finds nothing wrong when every reference exists and slugs are unique', () => {
    const articles = [makeArticle({ slug: 'a' }), makeArticle({ slug: 'b', section: 'business' })];
    expect(checkCrossReferences({ sections, desks, articles })).toEqual([]);
  });

  it('reports an unknown section with a hint, the choices and the file to add', () => {
    const articles = [makeArticle({ slug: 'a', file: 'articles/2026/a.md', section: 'buisness' })];
    expect(checkCrossReferences({ sections, desks, articles })).toEqual([
      {
        file: 'articles/2026/a.md',
        field: 'section',
        message: '"buisness" is not a section: did you mean "business"? Use one of world, business, or add content/sections/buisness.md',
      },
    ]);
  });

  it('asks for the line of a bad field only, and gives it when found', () => {
    const asked: string[] = [];
    const lineOf = (article: { slug: string }, field: string): number | undefined => {
      asked.push(`${article.slug}.${field}`);
      return field === 'section' ? 3 : undefined;
    };
    const articles = [makeArticle({ slug: 'good' }), makeArticle({ slug: 'bad', section: 'sport', desk: 'sport-desk' })];
    const problems = checkCrossReferences({ sections, desks, articles }, undefined, lineOf);
    expect(asked).toEqual(['bad.section', 'bad.desk']);
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['section', 3],
      ['desk', undefined],
    ]);
  });

  it('says "(none yet)" when there are no desks at all', () => {
    const [problem] = checkCrossReferences({ sections, desks: [], articles: [makeArticle({ desk: 'news-desk' })] });
    expect(problem!.message).toBe('"news-desk" is not a desk. Use one of (none yet), or add content/desks/news-desk.md');
  });

  it('reports both an unknown section and an unknown desk in one article', () => {
    const problems = checkCrossReferences({ sections, desks, articles: [makeArticle({ section: 'sport', desk: 'sport-desk' })] });
    expect(problems.map((p) => p.field)).toEqual(['section', 'desk']);
  });

  it('reports a slug used twice against both files', () => {
    const articles = [
      makeArticle({ slug: 'same', file: 'articles/2025/same.md' }),
      makeArticle({ slug: 'same', file: 'articles/2026/same.md' }),
    ];
    expect(checkCrossReferences({ sections, desks, articles })).toEqual([
      {
        file: 'articles/2026/same.md',
        line: 1,
        message: 'slug "same" is used by two articles (articles/2025/same.md too); URLs must be unique, so rename one file',
      },
      {
        file: 'articles/2025/same.md',
        line: 1,
        message: 'slug "same" is used by two articles (articles/2026/same.md too); URLs must be unique, so rename one file',
      },
    ]);
  });

  it('checks drafts too, since a draft will one day be published', () => {
    const articles = [makeArticle({ slug: 'x', draft: true, section: 'nowhere' }), makeArticle({ slug: 'x', draft: true })];
    const problems = checkCrossReferences({ sections, desks, articles });
    expect(problems.filter((p) => p.field === 'section')).toHaveLength(1);
    expect(problems.filter((p) => p.message.startsWith('slug "x"'))).toHaveLength(2);
  });
});
