import { loadContent } from '#lib/content/load-content.ts';
import { ContentIndex, contentIndexFile } from '#lib/content/content-index.ts';
import { buildArchive } from '#lib/archive/archive.ts';
const dir = process.argv[2]!;
const index = new ContentIndex(contentIndexFile('/tmp/idxcache', dir), 'h', dir);
const content = loadContent(dir, { language: 'en', index });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 4; r++) {
  const archive = buildArchive(content, Date.parse('2026-01-01T00:00:00Z'));
  const c = cpu();
  let n = 0;
  for (const a of archive.articles) n += archive.related(a).length;
  console.log('related cpu', Math.round(cpu() - c), 'ms', n);
}
