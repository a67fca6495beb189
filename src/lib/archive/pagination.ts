// Stable pagination for listings. The front of a listing shows the newest
// stories; numbered archive pages count from the oldest story, so page 1 is the
// first `size` stories ever published and never changes. Publishing a story
// changes the front and at most the newest numbered page.

/** One page of a listing; `number` is undefined for the front. */
export interface ListingPage<T> {
  number?: number;
  /** Newest first. */
  items: T[];
  /** Page with newer stories: a number, or "front". */
  newer?: number | 'front';
  /** Page with the next older stories. */
  older?: number;
}

/** Splits a newest-first list into its front and its stable numbered pages. */
export function paginate<T>(newestFirst: readonly T[], size: number): { front: ListingPage<T>; pages: ListingPage<T>[] } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive whole number, not ${size}`);
  const total = newestFirst.length;
  const full = Math.floor(total / size);
  const front: ListingPage<T> = { items: newestFirst.slice(0, size) };
  // The oldest story not on the front lives on this page.
  if (total > size) front.older = pageOfOldestIndex(total - size - 1, size);
  const pages: ListingPage<T>[] = [];
  for (let n = 1; n <= full; n++) {
    const page: ListingPage<T> = {
      number: n,
      items: newestFirst.slice(total - n * size, total - (n - 1) * size),
      newer: n < full ? n + 1 : 'front',
    };
    if (n > 1) page.older = n - 1;
    pages.push(page);
  }
  return { front, pages };
}

function pageOfOldestIndex(oldestIndex: number, size: number): number {
  return Math.floor(oldestIndex / size) + 1;
}

/** A listing's pages keyed by route parameter: undefined for the front, "page/3" for page 3. */
export function listingPages<T>(newestFirst: readonly T[], size: number): { page: string | undefined; listing: ListingPage<T> }[] {
  const { front, pages } = paginate(newestFirst, size);
  return [{ page: undefined, listing: front }, ...pages.map((listing) => ({ page: `page/${listing.number}`, listing }))];
}

/** The URLs of the newer and older pages next to `listing`, given how page URLs are made. */
export function neighbourUrls(listing: ListingPage<unknown>, href: (page?: number) => string): { newer?: string; older?: string } {
  const out: { newer?: string; older?: string } = {};
  if (listing.newer !== undefined) out.newer = href(listing.newer === 'front' ? undefined : listing.newer);
  if (listing.older !== undefined) out.older = href(listing.older);
  return out;
}
