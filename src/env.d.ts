// Types for modules that exist only inside the build.
declare module 'virtual:dateline/lead-images' {
  /** Photo kept beside a published article, by absolute path (Article.imageFile). */
  const images: Map<string, import('astro').ImageMetadata>;
  export default images;
}
