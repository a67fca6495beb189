// Typed entries as the rest of the site sees them: frontmatter checked against
// the contract, plus what the loader derives (slug, file, digest). Article
// bodies are not held here; see render-body.ts (DESIGN.md "Scale").
import type { AlertFrontmatter, ArticleFrontmatter, CommentFrontmatter, DeskFrontmatter, SectionFrontmatter, UpdateFrontmatter } from './schemas.ts';

/** A section of the site ("World News"). */
export interface Section extends SectionFrontmatter {
  slug: string;
  file: string;
}

/** An author desk ("HD News Desk"); bio is its Markdown body. */
export interface Desk extends DeskFrontmatter {
  slug: string;
  file: string;
  bio: string;
}

/** An article's metadata; the body stays on disk until its page is rendered. */
export interface Article extends ArticleFrontmatter {
  slug: string;
  /** Path shown to writers in messages. */
  file: string;
  /** Absolute path, for reading the body at render time. */
  path: string;
  /** sha1 of the whole file: changes whenever the article does. */
  digest: string;
  /** publishedAt and updatedAt as epoch milliseconds (in the archive, updatedAt moves on to its newest live update). */
  publishedMs: number;
  updatedMs?: number;
  /** liveUntil as epoch milliseconds. */
  liveUntilMs?: number;
  /** The dek, or failing that the body's first paragraph as plain text. */
  summary: string;
  /** Absolute path of a lead image kept beside the article (`image.src: ./photo.jpg`); checked to exist. */
  imageFile?: string;
}

/** A file kept in a folder named after its story (content/comments/<story>/, content/updates/<story>/). */
interface StoryFile {
  /** The file name without .md: unique within its story's folder. */
  id: string;
  /** Slug of the story it belongs to (the name of its folder). */
  article: string;
  /** Path shown to writers in messages. */
  file: string;
  /** Absolute path, for reading the body at render time. */
  path: string;
  /** Digest of the file: a changed file re-renders its story's page. */
  digest: string;
  publishedMs: number;
}

/** An approved reader comment; like an article's, its body stays on disk until its page is rendered. */
export interface Comment extends CommentFrontmatter, StoryFile {}

/** A breaking-news banner (content/alerts/<slug>.md), shown above every page's header while it is current. */
export interface Alert extends AlertFrontmatter {
  slug: string;
  /** Path shown to writers in messages. */
  file: string;
  /** from and until as epoch milliseconds: current while fromMs <= now < untilMs. */
  fromMs: number;
  untilMs: number;
}

/**
 * A live story's update; its Markdown stays on disk until the story's page (or
 * updates.json) is rendered. Its id is its anchor on the page (#update-<id>).
 */
export interface Update extends UpdateFrontmatter, StoryFile {}

/** Everything in a content folder, drafts and embargoed articles included. */
export interface Content {
  sections: Section[];
  desks: Desk[];
  articles: Article[];
  /** Approved comments on every article, in no particular order. */
  comments: Comment[];
  /** Breaking-news banners, past, current and to come, by file name. */
  alerts: Alert[];
  /** Live updates on every live story, in no particular order (optional: content loaded by older callers has none). */
  updates?: Update[];
}
