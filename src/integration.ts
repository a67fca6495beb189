// Dateline's Astro integration: in `astro dev`, reload the archive and the
// browser when a content file changes (content lives outside src/, and may be
// elsewhere entirely via DATELINE_CONTENT_DIR, so Vite would not notice).
import { resolve, sep } from 'node:path';
import type { AstroIntegration } from 'astro';

export function dateline(): AstroIntegration {
  return {
    name: 'dateline',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || 'content');
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event, file) => {
          if (!resolve(file).startsWith(contentDir + sep)) return;
          const g = globalThis as { __datelineContentGeneration?: number };
          g.__datelineContentGeneration = (g.__datelineContentGeneration ?? 0) + 1;
          server.ws.send({ type: 'full-reload' });
        });
      },
    },
  };
}
