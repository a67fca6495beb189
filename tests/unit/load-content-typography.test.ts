import { afterEach, describe, expect, it } from 'vitest';
import { articleFile, loadTree, markdownFile, removeTempDirs } from './factories.ts';

afterEach(removeTempDirs);

const story = articleFile(
  {
    title: `Harbour board's "new era" -- as promised`,
    dek: `The chair's plan...`,
    quotes: [{ text: `It's "our" harbour.`, speaker: `Seán O'Brien`, role: `chair, Pilots' Guild` }],
    image: { src: '/images/a.jpg', alt: `The "old" quay`, caption: `The board's "new" office`, credit: `Photo: Dan O'Neill` },
    source: { name: `Reporters' Wire` },
    corrections: [{ date: '2026-11-25T10:00:00+00:00', text: `We misspelt the chair's name.` }],
  },
  `The board's first "open" meeting.\n`,
);

describe('loadContent: typography of the text readers see', () => {
  it('curls quotes and apostrophes and sets dashes in every reader-facing article field, once', () => {
    const [article] = loadTree({ 'articles/2026/first-story.md': story }).articles;
    expect(article).toMatchObject({
      title: 'Harbour board’s “new era” – as promised',
      dek: 'The chair’s plan…',
      summary: 'The chair’s plan…',
      quotes: [{ text: 'It’s “our” harbour.', speaker: 'Seán O’Brien', role: 'chair, Pilots’ Guild' }],
      image: { caption: 'The board’s “new” office', credit: 'Photo: Dan O’Neill' },
      source: { name: 'Reporters’ Wire' },
      corrections: [{ text: 'We misspelt the chair’s name.' }],
    });
  });

  it('leaves attribute text (alt) and addresses as written', () => {
    const [article] = loadTree({ 'articles/2026/first-story.md': story }).articles;
    expect(article!.image).toMatchObject({ alt: 'The "old" quay', src: '/images/a.jpg' });
  });

  it('smartens a summary taken from the body when there is no dek', () => {
    const [article] = loadTree({ 'articles/2026/first-story.md': articleFile({}, `The board's first "open" meeting.\n`) }).articles;
    expect(article!.summary).toBe('The board’s first “open” meeting.');
  });

  it('smartens desk and section names', () => {
    const content = loadTree({
      'desks/news-desk.md': markdownFile({ name: `Editors' Desk` }, 'Bio.\n'),
      'sections/world.md': markdownFile({ name: `World's News`, description: `The "wide" world` }),
    });
    expect(content.desks.find((d) => d.slug === 'news-desk')!.name).toBe('Editors’ Desk');
    expect(content.sections.find((s) => s.slug === 'world')).toMatchObject({ name: 'World’s News', description: 'The “wide” world' });
  });

  it('uses the quotation marks of the site language', () => {
    const file = articleFile({ title: `Sie sagte "ja" -- endlich` });
    expect(loadTree({ 'articles/2026/first-story.md': file }, { language: 'de-DE' }).articles[0]!.title).toBe('Sie sagte „ja“ – endlich');
    expect(loadTree({ 'articles/2026/first-story.md': file }, { language: 'fr-FR' }).articles[0]!.title).toBe(
      'Sie sagte «\u202Fja\u202F» – endlich',
    );
  });
});
