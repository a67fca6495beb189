// `node scripts/gen-archive.ts --articles N --out DIR [--seed S]`: writes a
// deterministic synthetic archive in the content contract's format
// (docs/content.md) for benchmarks and scale tests:
//
//   DIR/articles/<yyyy>/<slug>.md   DIR/sections/<slug>.md   DIR/desks/<slug>.md
//
// Only those three folders are replaced; nothing else in or around DIR is
// touched. Same arguments, same bytes: every choice comes from a seeded PRNG
// and dates count back from a fixed moment, never from "now". Article i is
// generated from its own PRNG stream (seed, i), so a smaller archive is a
// prefix of a larger one with the same seed. Each file is written as soon as
// it is made; only the slugs (for uniqueness) stay in memory.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { slugify } from '#lib/content/slugs.ts';
import { createLogger } from './log.ts';

const log = createLogger('gen-archive');

const USAGE = `usage: node scripts/gen-archive.ts --articles N --out DIR [--seed S]

  --articles N   number of articles to write (1 or more)
  --out DIR      content folder to (re)create: replaces DIR/articles, DIR/sections, DIR/desks
  --seed S       PRNG seed, a non-negative integer (default 1)
  --force        allow --out to be the repository's own content/ folder`;

// ---------------------------------------------------------------- randomness

/** A small, fast PRNG (mulberry32) returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the seed and a stream number into one well-spread 32-bit state. */
function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Rng {
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
  pickN: <T>(xs: readonly T[], n: number) => T[];
}

function makeRng(next: () => number): Rng {
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const chance = (p: number): boolean => next() < p;
  const pickN = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
    return out;
  };
  return { int, pick, chance, pickN };
}

// ---------------------------------------------------------------- vocabulary (all invented)

const SECTIONS: readonly (readonly [slug: string, name: string, description: string])[] = [
  ['world', 'World News', 'Diplomacy, conflict and disasters, and the people caught up in them.'],
  ['politics', 'Politics', 'Parliament, councils, parties and the people who run them.'],
  ['business', 'Business', 'Markets, companies, jobs and the economy.'],
  ['technology', 'Technology', 'Software, networks and the firms behind them.'],
  ['science', 'Science', 'Research and discovery, explained.'],
  ['health', 'Health', 'Hospitals, medicine and public health.'],
  ['environment', 'Environment', 'Weather, energy, the coast and the climate.'],
  ['sport', 'Sport', 'Results, transfers and the stories behind the scores.'],
  ['culture', 'Culture', 'Books, film, music, theatre and the arts.'],
  ['city', 'City', 'News from the harbour city and the surrounding counties.'],
  ['maritime', 'Maritime', 'Ports, shipping, fishing and life on the water.'],
  ['opinion', 'Opinion', 'Columns and analysis from our writers.'],
];

const DESK_NAMES = [
  'News',
  'Foreign',
  'Metro',
  'Politics',
  'Economics',
  'Markets',
  'Technology',
  'Science',
  'Health',
  'Environment',
  'Sport',
  'Arts',
  'Investigations',
  'Data',
  'Courts',
  'Education',
  'Transport',
  'Energy',
  'Europe',
  'Harbour',
  'Weekend',
  'Features',
  'Night',
  'Wire',
];
const DESKS = DESK_NAMES.map((w) => [`${w.toLowerCase()}-desk`, `HD ${w} Desk`] as const);

/** About sixty topics: the tag vocabulary and the nouns stories are about. */
const TOPICS = [
  'housing',
  'rents',
  'budget',
  'taxation',
  'rail',
  'buses',
  'cycling',
  'road safety',
  'ports',
  'shipping',
  'fisheries',
  'ferries',
  'energy prices',
  'offshore wind',
  'solar power',
  'the grid',
  'water supply',
  'flood defences',
  'coastal erosion',
  'drought',
  'air quality',
  'recycling',
  'hospital waiting lists',
  'GP services',
  'mental health',
  'vaccines',
  'nursing',
  'schools',
  'universities',
  'childcare',
  'pensions',
  'wages',
  'unemployment',
  'inflation',
  'interest rates',
  'trade',
  'tourism',
  'farming',
  'broadband',
  'data protection',
  'cyber security',
  'artificial intelligence',
  'elections',
  'local government',
  'policing',
  'courts',
  'prisons',
  'immigration',
  'heritage',
  'museums',
  'theatre',
  'music festivals',
  'publishing',
  'football',
  'rugby',
  'rowing',
  'sailing',
  'athletics',
  'space',
  'marine biology',
  'climate research',
];

const FIRST = [
  'Maria',
  'Tomás',
  'Aoife',
  'Daniel',
  'Priya',
  'Kwame',
  'Elena',
  'Jonas',
  'Fatima',
  'Liam',
  'Sofia',
  'Mateo',
  'Hannah',
  'Ravi',
  'Chloé',
  'Oskar',
  'Amara',
  'Niall',
  'Yuki',
  'Grace',
  'Marek',
  'Leila',
  'Siobhán',
  'Ines',
];
const LAST = [
  'Okafor',
  'Brennan',
  'Lindqvist',
  'Moreau',
  'Castillo',
  'Novak',
  'Haddad',
  'Kowalski',
  'Reyes',
  'Fitzgerald',
  'Tanaka',
  'Mensah',
  'Varga',
  'Doyle',
  'Petrov',
  'Achterberg',
  'Nakamura',
  'Silva',
  'Quinn',
  "O'Neill",
];
const ROLES = [
  'a spokesperson for the ministry',
  'chief executive of the port company',
  'a senior economist at the institute',
  'leader of the city council',
  'a local resident',
  'professor of public policy',
  'the opposition spokesperson',
  'general secretary of the union',
  'a former minister',
  'the team manager',
  'a researcher at the marine institute',
  'director of the hospital group',
  'the festival director',
  'owner of a shop on the quays',
  'the harbour master',
  "chair of the residents' association",
];
const PLACES = [
  'Lisbon',
  'Dublin',
  'Nairobi',
  'Brussels',
  'Warsaw',
  'Lagos',
  'Manila',
  'Toronto',
  'Lima',
  'Oslo',
  'Athens',
  'Hanoi',
  'Accra',
  'Geneva',
  'Cork',
  'Galway',
  'Marseille',
  'Kraków',
  'Porto',
  'Seville',
  'São Paulo',
  'Zürich',
  'Reykjavík',
  'Rotterdam',
  'Hamburg',
];
const ORGS = [
  'the city council',
  'the central bank',
  'the health authority',
  'the transport ministry',
  'the regional government',
  'the energy regulator',
  'a coalition of charities',
  "the teachers' union",
  'the statistics office',
  'the football association',
  'the arts council',
  'the water utility',
  'a group of local businesses',
  'the port authority',
  'the university',
  'the environment agency',
  'the coastguard',
  'the competition watchdog',
];
const VERBS = [
  'approved',
  'rejected',
  'delayed',
  'unveiled',
  'defended',
  'criticised',
  'announced',
  'reviewed',
  'expanded',
  'scaled back',
  'questioned',
  'backed',
  'postponed',
  'welcomed',
  'cut',
];
const HEAD_VERBS = [
  'backs',
  'rejects',
  'delays',
  'unveils',
  'defends',
  'criticises',
  'expands',
  'scraps',
  'warns over',
  'pledges action on',
  'faces questions over',
  'moves to cut',
  'rethinks',
  'doubles',
];
const NOUNS = [
  'plan',
  'proposal',
  'report',
  'deal',
  'review',
  'budget',
  'strategy',
  'scheme',
  'inquiry',
  'bill',
  'investment',
  'contract',
  'agreement',
  'timetable',
  'survey',
  'fund',
];
const ADJ = [
  'new',
  'long-awaited',
  'controversial',
  'revised',
  'ambitious',
  'modest',
  'delayed',
  'cross-party',
  'regional',
  'multi-year',
  'emergency',
  'draft',
];
const WHEN = [
  'on Tuesday',
  'last week',
  'earlier this month',
  'after a lengthy debate',
  'late on Friday',
  'ahead of the summer recess',
  'following months of talks',
  'this morning',
  'for the second time this year',
];
const AMID = [
  'amid cost concerns',
  'after long debate',
  'as deadline nears',
  'despite objections',
  'after public outcry',
  'as pressure mounts',
  'in surprise move',
  'after review',
  'as talks resume',
];
const CONNECT = [
  'However,',
  'Meanwhile,',
  'In a statement,',
  'According to officials,',
  'Critics said',
  'Supporters argue that',
  'Figures released this week show that',
  'It is understood that',
  'Speaking to reporters,',
  'By contrast,',
  'Earlier,',
  'Under the proposals,',
];
const HEADINGS = [
  'What happens next',
  'The background',
  'The numbers',
  'Reaction',
  'The cost',
  'What critics say',
  'How we got here',
  'Who is affected',
  'The view from the harbour',
];
const AGENCIES: readonly (readonly [name: string, url: string])[] = [
  ['Northwire', 'https://northwire.example'],
  ['Continental Press', 'https://cpa.example'],
  ['Harbour News Service', 'https://hns.example'],
  ['Atlas Newswire', 'https://atlas.example'],
];
const OFFSETS = ['+00:00', '+00:00', '+01:00', '+01:00', '+02:00', '-05:00', '+05:30', '+09:00', 'Z'];
const CORRECTIONS = [
  'An earlier version of this article gave the wrong figure for the total cost.',
  'This article has been amended to correct the spelling of a name.',
  'An earlier version misstated the date of the council meeting.',
  'A quote was wrongly attributed in an earlier version of this article.',
];

// ---------------------------------------------------------------- text

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const an = (w: string): string => (/^[aeiou]/i.test(w) ? `an ${w}` : `a ${w}`);
/** A JSON string is a valid YAML double-quoted scalar. */
const q = (s: string): string => JSON.stringify(s);
function words(s: string): number {
  let n = 1;
  for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

/** Everything that writes prose for one article, on that article's PRNG. */
function prose(r: Rng) {
  const person = (): string => `${r.pick(FIRST)} ${r.pick(LAST)}`;
  const amount = (): string =>
    r.pick([() => `${r.int(2, 98)} per cent`, () => `€${r.int(2, 900)} million`, () => `€${r.int(1, 90)}.${r.int(1, 9)} billion`])();
  const people = (): string =>
    r.pick([() => `${r.int(120, 9800)} people`, () => `${r.int(11, 95)},000 households`, () => `${r.int(3, 40)} schools`])();

  function sentence(): string {
    let s: string;
    switch (r.int(0, 8)) {
      case 0:
        s = `${cap(r.pick(ORGS))} ${r.pick(VERBS)} the ${r.pick(ADJ)} ${r.pick(TOPICS)} ${r.pick(NOUNS)} ${r.pick(WHEN)}`;
        break;
      case 1:
        s = `${r.pick(CONNECT)} ${r.pick(ORGS)} ${r.pick(VERBS)} ${an(r.pick(NOUNS))} worth ${amount()}`;
        break;
      case 2:
        s = `${person()}, ${r.pick(ROLES)}, said the ${r.pick(NOUNS)} would affect about ${people()}`;
        break;
      case 3:
        s = `The ${r.pick(TOPICS)} ${r.pick(NOUNS)} has been ${r.pick(VERBS)} ${r.pick(WHEN)}, with ${r.pick(ORGS)} expected to respond`;
        break;
      case 4:
        s = `${r.pick(CONNECT)} spending on ${r.pick(TOPICS)} rose by ${amount()} compared with the previous year`;
        break;
      case 5:
        s = `Residents in ${r.pick(PLACES)} have ${r.pick(VERBS)} the ${r.pick(ADJ)} ${r.pick(NOUNS)}, saying it does *too little* on ${r.pick(TOPICS)}`;
        break;
      case 6:
        s = `${an(r.pick(ADJ))} ${r.pick(NOUNS)} on ${r.pick(TOPICS)} is due to be published ${r.pick(WHEN)}`;
        break;
      case 7:
        s = `**${r.int(2, 12)} of the ${r.int(13, 40)}** members of ${r.pick(ORGS)} ${r.pick(VERBS)} the ${r.pick(NOUNS)}`;
        break;
      default:
        s = `${r.pick(CONNECT)} the debate over ${r.pick(TOPICS)} and ${r.pick(TOPICS)} is unlikely to end soon`;
    }
    return `${cap(s)}.`;
  }

  /** A plain sentence, no Markdown emphasis: for frontmatter text. */
  function plainSentence(): string {
    return sentence().replace(/\*+/g, '');
  }

  function paragraph(target: number): [text: string, count: number] {
    const out: string[] = [];
    let n = 0;
    while (n < target) {
      const s = sentence();
      out.push(s);
      n += words(s);
    }
    return [out.join(' '), n];
  }

  function table(): string {
    const topic = r.pick(TOPICS);
    const rows = r.int(3, 6);
    const lines = [`| ${cap(topic)}: area | Last year | This year | Change |`, '|---|---:|---:|---:|'];
    for (let i = 0; i < rows; i++) {
      const a = r.int(100, 9000);
      const b = Math.max(1, a + r.int(-800, 900));
      lines.push(`| ${r.pick(PLACES)} | ${a} | ${b} | ${(((b - a) / a) * 100).toFixed(1)}% |`);
    }
    return lines.join('\n');
  }

  /** A Markdown body of 300-1000 words: headings, a list, links, a blockquote, sometimes a table. */
  function body(slug: string, section: string, tags: readonly string[]): string {
    const target = r.int(260, 880); // prose; lists, quote and table bring the whole to about 300-1000 words
    const paras = Math.max(4, Math.round(target / r.int(55, 95)));
    const per = Math.max(25, Math.round(target / paras) - 6);
    const listAt = r.int(1, paras - 2);
    const quoteAt = r.int(1, paras - 1);
    const tableAt = r.chance(0.08) ? r.int(2, paras - 1) : -1;
    const headings = new Set(r.pickN([...Array(paras).keys()].slice(2), r.int(1, Math.min(4, paras - 2))));
    const linkAt = new Set(r.pickN([...Array(paras).keys()], r.int(1, 3)));
    const blocks: string[] = [];
    let count = 0;
    for (let i = 0; i < paras; i++) {
      if (headings.has(i)) blocks.push(`## ${r.pick(HEADINGS)}`);
      const [text, n] = paragraph(i === paras - 1 ? Math.max(12, target - count) : per);
      count += n;
      let p = text;
      if (linkAt.has(i)) {
        p += r.pick([
          () => ` The full [${r.pick(NOUNS)} is published online](https://example.org/documents/${slug}).`,
          () => ` More coverage is on our [${section} page](/${section}/).`,
          () => ` Read more about [${tags[0] ?? 'this'}](/tag/${slugify(tags[0] ?? 'news')}/).`,
          () => ` Contact the [press office](mailto:press@example.org) for details.`,
        ])();
      }
      blocks.push(p);
      if (i === listAt) {
        blocks.push(r.pick(['The main points are:', 'Key measures include:', 'What we know so far:']));
        const ordered = r.chance(0.3);
        blocks.push(
          Array.from(
            { length: r.int(3, 6) },
            (_, k) => `${ordered ? `${k + 1}.` : '-'} ${cap(r.pick(ADJ))} ${r.pick(NOUNS)} on ${r.pick(TOPICS)}, worth ${amount()}`,
          ).join('\n'),
        );
      }
      if (i === quoteAt) {
        blocks.push(`> "${plainSentence().slice(0, -1)}," ${person()} wrote in a letter to ${r.pick(ORGS)}.`);
      }
      if (i === tableAt) {
        blocks.push(`Figures from ${r.pick(ORGS)}:`, table());
      }
    }
    return `${blocks.join('\n\n')}\n`;
  }

  return { person, sentence: plainSentence, body };
}

// ---------------------------------------------------------------- dates

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock time at `offset` ("+05:30" or "Z"), written with that offset. */
function isoWithOffset(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const d = new Date(ms + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${offset}`;
}

/** The newest article's moment; fixed, so output never depends on today. */
const NEWEST_MS = Date.UTC(2025, 11, 31, 18, 0);

// ---------------------------------------------------------------- the archive

interface Summary {
  articles: number;
  drafts: number;
  featured: number;
  years: string[];
  bytes: number;
}

/** Writes the archive; returns what it wrote. */
export function generateArchive(count: number, outDir: string, seed: number): Summary {
  for (const folder of ['articles', 'sections', 'desks']) rmSync(join(outDir, folder), { recursive: true, force: true });
  mkdirSync(join(outDir, 'sections'), { recursive: true });
  mkdirSync(join(outDir, 'desks'), { recursive: true });
  let bytes = 0;
  const write = (file: string, text: string): void => {
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };

  const shared = makeRng(mulberry32(streamSeed(seed, 0xffffffff)));
  const sharedProse = prose(shared);
  SECTIONS.forEach(([slug, name, description], i) => {
    write(join(outDir, 'sections', `${slug}.md`), `---\nname: ${q(name)}\ndescription: ${q(description)}\norder: ${i + 1}\n---\n`);
  });
  for (const [slug, name] of DESKS) {
    const avatar = shared.chance(0.5) ? `avatar: "/logo.png"\n` : '';
    write(
      join(outDir, 'desks', `${slug}.md`),
      `---\nname: ${q(name)}\n${avatar}links:\n  - label: "Email the desk"\n    url: "mailto:${slug}@example.org"\n` +
        `  - label: "Send us a tip"\n    url: "https://example.org/tips/${slug}"\n---\n\n` +
        `The ${name} covers ${shared.pickN(TOPICS, 3).join(', ')} from ${shared.pick(PLACES)}. ` +
        `It is led by ${sharedProse.person()}, who joined the paper ${shared.int(2, 25)} years ago.\n\n` +
        `Write to the desk at [${slug}@example.org](mailto:${slug}@example.org).\n`,
    );
  }

  const slugs = new Set<string>();
  const years = new Set<string>();
  let drafts = 0;
  let featured = 0;
  let at = NEWEST_MS;
  for (let i = 0; i < count; i++) {
    const r = makeRng(mulberry32(streamSeed(seed, i)));
    const p = prose(r);
    at -= r.int(30, 190) * 60_000; // about 13 articles a day, going back in time
    const offset = r.pick(OFFSETS);
    const publishedAt = isoWithOffset(at, offset);
    const section = r.pick(SECTIONS)[0];
    const topic = r.pick(TOPICS);
    const tags = [
      topic,
      ...r.pickN(
        TOPICS.filter((t) => t !== topic),
        r.int(0, 3),
      ),
    ];
    const title = cap(`${r.pick(ORGS).replace(/^the /, '')} ${r.pick(HEAD_VERBS)} ${topic} ${r.pick(NOUNS)} ${r.pick(AMID)}`);
    const base = slugify(title);
    let slug = base;
    for (let k = 2; slugs.has(slug); k++) slug = `${base}-${k}`;
    slugs.add(slug);

    const fm = [
      `title: ${q(title)}`,
      ...(r.chance(0.9) ? [`dek: ${q(p.sentence())}`] : []),
      `section: ${section}`,
      `desk: ${r.pick(DESKS)[0]}`,
      `publishedAt: ${publishedAt}`,
    ];
    if (r.chance(0.25)) fm.push(`updatedAt: ${isoWithOffset(at + r.int(20, 3000) * 60_000, offset)}`);
    if (r.chance(0.6)) fm.push(`dateline: ${q(r.pick(PLACES).toUpperCase())}`);
    if (r.chance(0.12)) {
      const [name, url] = r.pick(AGENCIES);
      fm.push('source:', `  name: ${q(name)}`);
      if (r.chance(0.8)) fm.push(`  url: ${q(`${url}/${slug}`)}`);
      if (r.chance(0.3)) fm.push(`canonical: ${q(`${url}/stories/${slug}`)}`);
    }
    const quotes = r.pick([0, 0, 0, 1, 1, 2, 3]);
    if (quotes > 0) {
      fm.push('quotes:');
      for (let j = 0; j < quotes; j++) {
        fm.push(`  - text: ${q(p.sentence())}`, `    speaker: ${q(p.person())}`);
        if (r.chance(0.8)) fm.push(`    role: ${q(r.pick(ROLES))}`);
      }
    }
    fm.push(`tags: [${tags.map(q).join(', ')}]`);
    if (r.chance(0.05)) {
      fm.push('image:', '  src: "/logo.png"', `  alt: ${q(`An illustration for a story about ${topic}`)}`);
      if (r.chance(0.7)) fm.push(`  caption: ${q(p.sentence())}`);
      if (r.chance(0.5)) fm.push(`  credit: ${q(`${p.person()} / The Harbour Dispatch`)}`);
    }
    if (r.chance(0.01)) {
      fm.push('featured: true');
      featured++;
    }
    if (r.chance(0.01)) {
      fm.push('draft: true');
      drafts++;
    }
    if (r.chance(0.04)) fm.push('comments: false');
    if (r.chance(0.03)) {
      fm.push('corrections:');
      let when = at;
      for (let j = r.int(1, 2); j > 0; j--) {
        when += r.int(60, 4000) * 60_000;
        fm.push(`  - date: ${isoWithOffset(when, offset)}`, `    text: ${q(r.pick(CORRECTIONS))}`);
      }
    }

    const year = publishedAt.slice(0, 4); // the year as written, offset included
    if (!years.has(year)) {
      mkdirSync(join(outDir, 'articles', year), { recursive: true });
      years.add(year);
    }
    write(join(outDir, 'articles', year, `${slug}.md`), `---\n${fm.join('\n')}\n---\n\n${p.body(slug, section, tags)}`);
  }
  return { articles: count, drafts, featured, years: [...years].sort(), bytes };
}

// ---------------------------------------------------------------- command line

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        articles: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    log.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return process.exit(2);
  }
}

function main(): void {
  const values = parseCommandLine();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const count = Number(values.articles);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || seed < 0) {
    log.error(`--articles must be a whole number of 1 or more, --out is required, --seed is a whole number\n${USAGE}`);
    process.exit(2);
  }
  const outDir = resolve(values.out);
  if (outDir === resolve(import.meta.dirname, '..', 'content') && !values.force) {
    log.error(`${outDir} is the site's own content folder; its articles would be replaced. Pass --force if you mean it.`);
    process.exit(2);
  }
  const started = performance.now();
  const s = generateArchive(count, outDir, seed);
  const span = s.years.length > 1 ? `${s.years[0]}-${s.years[s.years.length - 1]}` : (s.years[0] ?? '');
  log.info(
    `wrote ${s.articles} articles (${s.drafts} drafts, ${s.featured} featured, ${span}), ${SECTIONS.length} sections, ` +
      `${DESKS.length} desks, ${(s.bytes / 1e6).toFixed(1)} MB, seed ${seed}, to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) main();
