import { describe, expect, it } from 'vitest';
import { isBesideFilePath, isSafeWebUrl, isSiteOrWebUrl } from '#lib/content/url-safety.ts';

const UNSAFE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  ' javascript:alert(1)',
  'javascript:alert(1) ',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/file',
  'mailto:desk@example.org',
  '//evil.example/x',
  'https://',
  'https:// example.org',
  'not a url',
  '',
];

describe('isSafeWebUrl', () => {
  it.each(['https://example.org', 'http://example.org/path?q=1#frag', 'https://sub.example.org:8443/a', 'HTTPS://EXAMPLE.ORG/'])(
    'accepts %s',
    (url) => {
      expect(isSafeWebUrl(url)).toBe(true);
    },
  );

  it.each(UNSAFE)('rejects %j', (url) => {
    expect(isSafeWebUrl(url)).toBe(false);
  });

  it('rejects site paths, which are not absolute', () => {
    expect(isSafeWebUrl('/images/a.jpg')).toBe(false);
  });
});

describe('isSiteOrWebUrl', () => {
  it.each(['/images/a.jpg', '/', '/a/b/c.svg?v=2', 'https://cdn.example.org/a.jpg'])('accepts %s', (url) => {
    expect(isSiteOrWebUrl(url)).toBe(true);
  });

  it.each([...UNSAFE, '/\\evil.example/a.jpg', '/images/a b.jpg', '/images/a\t.jpg', 'images/a.jpg'])('rejects %j', (url) => {
    expect(isSiteOrWebUrl(url)).toBe(false);
  });
});

describe('isBesideFilePath', () => {
  it.each(['./photo.jpg', './Harbour_at-dawn.2.JPEG', './a.png', './a.webp', './a.avif'])('accepts %s', (path) => {
    expect(isBesideFilePath(path)).toBe(true);
  });

  it.each([
    'photo.jpg',
    './',
    './photo',
    './photo.svg',
    './photo.gif',
    './sub/photo.jpg',
    '../2025/photo.jpg',
    './../photo.jpg',
    './.hidden.jpg',
    '.\\photo.jpg',
    './a b.jpg',
    '/images/a.jpg',
    'https://cdn.example/a.jpg',
  ])('rejects %j', (path) => {
    expect(isBesideFilePath(path)).toBe(false);
  });
});
