/** File names (and so URLs) allow lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when the string may be used as a slug. */
export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/** Turns any text (a headline, a tag) into a slug; empty if nothing is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
