// The one file an outlet edits. Every key is documented in src/lib/content/site-config.ts
// and in the README ("Site config").
import { defineSiteConfig } from '#lib/content/site-config.ts';

export default defineSiteConfig({
  name: 'The Harbour Dispatch',
  url: 'https://harbourdispatch.example',
  language: 'en-GB',
  description: 'Independent news from the harbour city and the world beyond it.',
  timeZone: 'Europe/Dublin',
  pageSize: 20,
  logo: { src: '/logo.png', width: 600, height: 60 },
  embedHosts: ['www.youtube-nocookie.com', 'player.vimeo.com'],
  // Reader comments (README, "Comments"). The sample names no form service, so
  // it shows approved comments but no reply form: a form must never post
  // nowhere. An outlet adds its own, e.g.
  //   comments: { endpoint: 'https://formspree.io/f/<form id>', closeAfterDays: 30, fields: { redirect: '_next' } },
  // and deploy previews can post elsewhere with DATELINE_COMMENTS_ENDPOINT.
});
