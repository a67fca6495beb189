import { describe, expect, it } from 'vitest';
import { articleSchema, dateTime, deskSchema, imageSchema, sectionSchema, sourceSchema } from '#lib/content/schemas.ts';

const minimal = { title: 'Ferry inquiry', section: 'world', desk: 'news-desk', publishedAt: '2026-11-24T08:30:00+00:00' };

/** The messages of every issue, or [] when the value is valid. */
function messages(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error!.issues.map((i) => i.message);
}

describe('dateTime', () => {
  it.each([
    '2026-11-24T08:30:00+00:00',
    '2026-11-24T08:30:00Z',
    '2026-11-24T08:30Z',
    '2026-11-24T08:30:00.123+05:30',
    '2026-11-24T08:30:00-08:00',
    '2028-02-29T12:00:00Z',
  ])('accepts %s', (value) => {
    expect(messages(dateTime, value)).toEqual([]);
  });

  it.each(['2026-11-24T08:30:00', '2026-11-24', '24/11/2026 08:30', '2026-11-24 08:30:00+00:00', '2026-11-24T08:30:00+0000', 'yesterday'])(
    'rejects %s with one message asking for an offset',
    (value) => {
      const found = messages(dateTime, value);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^must be a date and time with a UTC offset, like 2026-11-24T08:30:00\+00:00/);
    },
  );

  it.each([
    '2026-13-01T08:00:00Z',
    '2026-11-32T08:00:00Z',
    '2026-02-30T08:00:00Z',
    '2026-02-29T08:00:00Z',
    '2026-04-31T08:00:00Z',
    '2026-11-24T25:00:00Z',
  ])('rejects the impossible date %s', (value) => {
    expect(messages(dateTime, value)).toEqual(['is not a real date (check the month and day)']);
  });

  it('keeps the string exactly as written', () => {
    expect(dateTime.parse('2026-11-24T09:30:00+01:00')).toBe('2026-11-24T09:30:00+01:00');
  });
});

describe('articleSchema', () => {
  it('accepts the required fields alone and fills in defaults', () => {
    expect(articleSchema.parse(minimal)).toEqual({
      ...minimal,
      quotes: [],
      tags: [],
      featured: false,
      draft: false,
      comments: true,
      corrections: [],
      live: false,
    });
  });

  it('accepts every optional field of the contract', () => {
    const full = {
      ...minimal,
      dek: 'Standfirst',
      updatedAt: '2026-11-25T08:30:00+00:00',
      dateline: 'PIRAEUS',
      source: { name: 'RTE', url: 'https://www.rte.ie/a' },
      canonical: 'https://www.rte.ie/a',
      quotes: [{ text: 'We will find out.', speaker: 'Minister', role: 'Shipping minister' }],
      tags: ['ports'],
      image: { src: '/images/ferry.jpg', alt: 'The ferry', caption: 'At the quay', credit: 'HD' },
      featured: true,
      draft: true,
      comments: false,
      corrections: [{ date: '2026-11-26T10:00:00Z', text: 'We misspelt the port.' }],
      live: true,
      liveUntil: '2026-11-27T20:00:00+00:00',
    };
    expect(articleSchema.parse(full)).toEqual(full);
  });

  it('trims text fields', () => {
    expect(articleSchema.parse({ ...minimal, title: '  Ferry inquiry  ' }).title).toBe('Ferry inquiry');
  });

  it('rejects unknown fields at every level', () => {
    expect(articleSchema.safeParse({ ...minimal, tilte: 'x' }).success).toBe(false);
    expect(articleSchema.safeParse({ ...minimal, source: { name: 'RTE', link: 'https://x.example' } }).success).toBe(false);
  });

  it('requires a speaker for every pull quote', () => {
    expect(articleSchema.safeParse({ ...minimal, quotes: [{ text: 'Hi' }] }).success).toBe(false);
  });

  it('requires a real date on every correction', () => {
    expect(articleSchema.safeParse({ ...minimal, corrections: [{ date: 'last week', text: 'Fixed.' }] }).success).toBe(false);
  });
});

describe('imageSchema and sourceSchema', () => {
  it('asks for alt text when it is missing', () => {
    expect(messages(imageSchema, { src: '/a.jpg' })).toEqual([
      'is required when an image is given: describe the picture for readers who cannot see it',
    ]);
  });

  it('accepts photos beside the article, site paths and web addresses for images but not other schemes', () => {
    expect(imageSchema.safeParse({ src: './photo.jpg', alt: 'A' }).success).toBe(true);
    expect(imageSchema.safeParse({ src: '/images/a.jpg', alt: 'A' }).success).toBe(true);
    expect(imageSchema.safeParse({ src: 'https://cdn.example/a.jpg', alt: 'A' }).success).toBe(true);
    expect(messages(imageSchema, { src: 'data:image/png;base64,AAAA', alt: 'A' })).toEqual([
      'must be a photo beside the article like ./photo.jpg (JPEG, PNG, WebP or AVIF), a site path like /images/photo.jpg, or a full https:// address',
    ]);
  });

  it('accepts a desk avatar only as a site path or web address', () => {
    expect(deskSchema.safeParse({ name: 'Desk', avatar: './me.jpg' }).success).toBe(false);
  });

  it('allows a source without a URL but not with an unsafe one', () => {
    expect(sourceSchema.safeParse({ name: 'RTE' }).success).toBe(true);
    expect(messages(sourceSchema, { name: 'RTE', url: 'javascript:alert(1)' })).toEqual([
      'must be a full web address starting with https:// (or http://)',
    ]);
  });
});

describe('sectionSchema and deskSchema', () => {
  it('needs only a section name', () => {
    expect(sectionSchema.parse({ name: 'World' })).toEqual({ name: 'World' });
  });

  it('accepts web and mailto links for a desk, and nothing else', () => {
    expect(deskSchema.parse({ name: 'News', links: [{ label: 'Mail', url: 'mailto:news@example.org' }] }).links).toHaveLength(1);
    expect(messages(deskSchema, { name: 'News', links: [{ label: 'Call', url: 'tel:+353000' }] })).toEqual([
      'must be a web address starting with https:// or an email link like mailto:desk@example.org',
    ]);
    expect(deskSchema.safeParse({ name: 'News', links: [{ label: 'Mail', url: 'mailto:not-an-address' }] }).success).toBe(false);
  });

  it('defaults desk links to none', () => {
    expect(deskSchema.parse({ name: 'News' }).links).toEqual([]);
  });
});
