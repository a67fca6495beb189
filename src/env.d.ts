// Types for modules that exist only inside the build.
declare module 'virtual:dateline/lead-images' {
  /** Photo kept beside a published article, by absolute path (Article.imageFile). */
  const images: Map<string, import('astro').ImageMetadata>;
  export default images;
}

declare module 'virtual:dateline/context' {
  /** The build's one context (src/lib/build/context.ts), made by scripts/build.ts or the integration. */
  export const context: import('#lib/build/context.ts').BuildContext;
  /** The hand-off file scripts/build.ts left (src/lib/build/handoff.ts), or null. */
  export const handoff: string | null;
  /** The folder this build writes pages into (Astro's outDir; a later build's when it renders through a kept bundle). */
  export const outDir: string;
}
