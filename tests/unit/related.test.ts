import { describe, expect, it } from 'vitest';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { findRelated, titleWords, type RelatedIndex } from '#lib/archive/related.ts';
import { DAY, HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + 30 * DAY;
const slugs = (list: readonly Article[]): string[] => list.map((a) => a.slug);

function archiveOf(articles: Article[]): Archive {
  return buildArchive(makeContent(articles), NOW);
}

function indexOf(archive: Archive): RelatedIndex {
  return {
    bySection: archive.bySection,
    byTag: new Map([...archive.tags].map(([slug, tag]) => [slug, tag.articles])),
    tagSlugs: archive.tagSlugs,
    total: archive.articles.length,
  };
}

function related(articles: Article[], slug: string, count?: number): string[] {
  const archive = archiveOf(articles);
  const article = archive.articles.find((a) => a.slug === slug)!;
  return slugs(findRelated(article, indexOf(archive), count));
}

const at = (offsetHours: number): number => NOW - 10 * DAY + offsetHours * HOUR;

describe('findRelated', () => {
  it('never lists the article itself', () => {
    const articles = [
      makeArticle({ slug: 'lonely', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'elsewhere', section: 'science', publishedMs: at(1) }),
    ];
    expect(related(articles, 'lonely')).toEqual([]);
  });

  it('ignores articles with no shared tag in another section', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'budget', section: 'business', tags: ['tax'], publishedMs: at(1) }),
      makeArticle({ slug: 'comet', section: 'science', publishedMs: at(-1) }),
    ];
    expect(related(articles, 'ferry')).toEqual([]);
  });

  it('ranks a shared tag above sharing only the section', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      // Same section, close in time, no tag in common.
      makeArticle({ slug: 'election', section: 'world', publishedMs: at(1) }),
      makeArticle({ slug: 'summit', section: 'world', publishedMs: at(-1) }),
      // Another section, days away, but sharing the tag.
      makeArticle({ slug: 'freight', section: 'business', tags: ['Ports'], publishedMs: at(-96) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['freight']);
  });

  it('ranks more shared tags above fewer', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports', 'safety', 'greece'], publishedMs: at(0) }),
      makeArticle({ slug: 'one-tag', section: 'business', tags: ['ports'], publishedMs: at(1) }),
      makeArticle({ slug: 'two-tags', section: 'business', tags: ['ports', 'safety'], publishedMs: at(-72) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['two-tags']);
  });

  it('ranks a shared tag in the same section above a shared tag elsewhere', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'other-section', section: 'business', tags: ['ports'], publishedMs: at(1) }),
      makeArticle({ slug: 'same-section', section: 'world', tags: ['ports'], publishedMs: at(-48) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['same-section']);
  });

  it('prefers the nearest in time among equally related stories', () => {
    const articles = [
      makeArticle({ slug: 'middle', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'far-before', tags: ['ports'], publishedMs: at(-50) }),
      makeArticle({ slug: 'near-before', tags: ['ports'], publishedMs: at(-2) }),
      makeArticle({ slug: 'near-after', tags: ['ports'], publishedMs: at(3) }),
      makeArticle({ slug: 'far-after', tags: ['ports'], publishedMs: at(40) }),
    ];
    expect(related(articles, 'middle', 2)).toEqual(['near-before', 'near-after']);
  });

  it('lists its results most related first, not newest first', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'older-tagged', section: 'business', tags: ['ports'], publishedMs: at(-24) }),
      makeArticle({ slug: 'newer-section', section: 'world', title: 'Ferry timetable changes', publishedMs: at(5) }),
    ];
    articles[0]!.title = 'Ferry runs aground';
    expect(related(articles, 'ferry')).toEqual(['older-tagged', 'newer-section']);
  });

  it('leaves out a story in the same section that shares neither a tag nor a headline word', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', title: 'Ferry runs aground off Naxos', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'summit', section: 'world', title: 'Leaders meet in Geneva', publishedMs: at(1) }),
      makeArticle({ slug: 'naxos', section: 'world', title: 'Naxos tourism slows', publishedMs: at(-1) }),
    ];
    expect(related(articles, 'ferry')).toEqual(['naxos']);
  });

  it('weighs a rare shared tag above a common one, even with the section in common', () => {
    // Eight world stories tagged shipping make "shipping" common; "energy" is on two stories only.
    const filler = Array.from({ length: 8 }, (_, i) =>
      makeArticle({ slug: `shipping-${i}`, section: i % 2 ? 'business' : 'science', tags: ['shipping'], publishedMs: at(-200 - i) }),
    );
    const articles = [
      ...filler,
      makeArticle({
        slug: 'grid-pact',
        section: 'world',
        title: 'States sign offshore grid pact',
        tags: ['energy', 'shipping'],
        publishedMs: at(0),
      }),
      makeArticle({ slug: 'harbour-vote', section: 'world', title: 'Harbour board elected', tags: ['shipping'], publishedMs: at(-1) }),
      makeArticle({
        slug: 'tidal-trial',
        section: 'science',
        title: 'Tidal turbine trial succeeds',
        tags: ['energy'],
        publishedMs: at(-48),
      }),
    ];
    // The old ranking (2 per tag + 1 for the section) put the harbour vote first: 3 against 2.
    expect(related(articles, 'grid-pact', 1)).toEqual(['tidal-trial']);
  });

  it('puts the plainly related story first for the sample energy pact, not the harbour-board election', () => {
    // The sample site's tags: "shipping" is everywhere, "energy" and "eu" are rare.
    const articles = [
      makeArticle({
        slug: 'grid-pact',
        section: 'world',
        title: 'Nine North Sea states sign pact to build a shared offshore power grid',
        tags: ['energy', 'eu', 'shipping'],
        publishedMs: at(0),
      }),
      makeArticle({
        slug: 'harbour-election',
        section: 'politics',
        title: 'Record turnout as Plymouth residents elect harbour board',
        tags: ['elections', 'shipping', 'transparency'],
        publishedMs: at(-6 * 24),
      }),
      makeArticle({
        slug: 'battery-ferries',
        section: 'business',
        title: 'Gdańsk shipyard wins orders for battery ferries',
        tags: ['shipping', 'energy', 'trade'],
        publishedMs: at(-15 * 24),
      }),
      makeArticle({
        slug: 'tidal-turbine',
        section: 'science',
        title: 'Orkney tidal turbine trial beats expectations',
        tags: ['energy', 'oceans'],
        publishedMs: at(-28 * 24),
      }),
      makeArticle({
        slug: 'lobbying-register',
        section: 'politics',
        title: 'Brussels proposes tougher lobbying register',
        tags: ['eu', 'transparency'],
        publishedMs: at(-90 * 24),
      }),
      makeArticle({
        slug: 'dockworkers',
        section: 'world',
        title: 'Lisbon dockworkers end strike',
        tags: ['shipping', 'labour'],
        publishedMs: at(-42 * 24),
      }),
      makeArticle({
        slug: 'freight-rates',
        section: 'business',
        title: 'Container freight rates slide',
        tags: ['shipping', 'trade'],
        publishedMs: at(-54 * 24),
      }),
      makeArticle({
        slug: 'arctic-passage',
        section: 'world',
        title: 'Record number of cargo ships use Arctic passage',
        tags: ['shipping', 'arctic'],
        publishedMs: at(-78 * 24),
      }),
      makeArticle({
        slug: 'ferry-inquiry',
        section: 'world',
        title: 'Inquiry into Aegean ferry collision',
        tags: ['shipping', 'safety'],
        publishedMs: at(-57 * 24),
      }),
    ];
    const found = related(articles, 'grid-pact');
    // Old ranking, newest first among the top five: harbour-election came first.
    expect(found.slice(0, 2)).toEqual(['battery-ferries', 'tidal-turbine']);
    const election = found.indexOf('harbour-election');
    expect(election === -1 || election > 1).toBe(true);
  });

  it('returns at most count articles, five by default', () => {
    const articles = Array.from({ length: 12 }, (_, i) => makeArticle({ slug: `story-${i}`, tags: ['ports'], publishedMs: at(i) }));
    expect(related(articles, 'story-6')).toHaveLength(5);
    expect(related(articles, 'story-6', 3)).toHaveLength(3);
    expect(related(articles, 'story-6', 0)).toEqual([]);
  });

  it('never includes drafts or embargoed stories', () => {
    const articles = [
      makeArticle({ slug: 'ferry', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'draft', tags: ['ports'], draft: true, publishedMs: at(1) }),
      makeArticle({ slug: 'embargoed', tags: ['ports'], publishedMs: NOW + HOUR }),
      makeArticle({ slug: 'published', tags: ['ports'], publishedMs: at(-30) }),
    ];
    expect(related(articles, 'ferry')).toEqual(['published']);
  });

  it('counts a tag written twice in different spellings once', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['Ports', 'ports', 'safety'], publishedMs: at(0) }),
      makeArticle({ slug: 'ports-elsewhere', section: 'business', tags: ['ports'], publishedMs: at(-5) }),
      makeArticle({ slug: 'safety-same-section', section: 'world', tags: ['safety'], publishedMs: at(-10) }),
    ];
    // Tag + section (2 + 1) beats one tag (2); had "Ports"/"ports" counted twice, it would not (2 + 2).
    expect(related(articles, 'ferry', 1)).toEqual(['safety-same-section']);
  });
});

describe('findRelated on a large archive', () => {
  const SECTIONS = ['world', 'business', 'science'];
  const TOTAL = 20_000;
  const base = NOW - DAY;
  const articles = Array.from({ length: TOTAL }, (_, i) =>
    makeArticle({
      slug: `story-${i}`,
      section: SECTIONS[i % SECTIONS.length]!,
      tags: [`topic-${i % 400}`, `topic-${(i * 7 + 3) % 400}`],
      draft: i % 20 === 0,
      publishedMs: base - i * 10 * 60 * 1000,
    }),
  );
  const archive = archiveOf(articles);

  it('finds five sensible related stories for articles across a 20,000-story archive', () => {
    expect(archive.articles).toHaveLength(TOTAL - TOTAL / 20);
    for (const i of [1, 2_501, 9_999, 15_003, 19_999]) {
      const article = archive.articles.find((a) => a.slug === `story-${i}`)!;
      const found = archive.related(article);
      expect(found).toHaveLength(5);
      expect(found).not.toContain(article);
      for (const other of found) {
        expect(other.draft).toBe(false);
        // Plenty of stories share a tag, so every result should.
        expect(other.tags.some((t) => article.tags.includes(t))).toBe(true);
      }
    }
  });
});

describe('titleWords', () => {
  it('keeps the words of a headline worth matching, in lower case', () => {
    expect([...titleWords('Nine North Sea states sign pact to build a shared offshore power grid')].sort()).toEqual(
      ['build', 'grid', 'nine', 'north', 'offshore', 'pact', 'power', 'shared', 'sign', 'states'].sort(),
    );
    expect([...titleWords('Gdańsk: after the STRIKE, what next?')]).toEqual(['gdańsk', 'strike']);
  });
});
