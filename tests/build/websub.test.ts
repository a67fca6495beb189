// WebSub: feeds name the hub beside rel="self", and `npm run deploy` pings a
// hub on loopback (started here, recording every ping) for each feed the
// deploy changed, and only those; a hub that is down or refuses makes the
// deploy warn, never fail. Storage is s3rver, as in deploy.test.ts.
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '#lib/build/output.ts';
import { fileHeaders } from '#lib/outputs/file-rules.ts';
import { fixtureCopy, runBuild } from './build-site.ts';
import { expectedContents, runDeploy, startS3, type S3Server } from './s3-server.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const ORIGIN = 'https://harbourdispatch.example';

interface Hub {
  url: string;
  pings: { type: string; body: URLSearchParams }[];
  status: number;
  server: Server;
}

/** A tiny WebSub hub on 127.0.0.1 that records each POST and answers `status` (202 by default). */
async function startHub(): Promise<Hub> {
  const hub: Hub = { url: '', pings: [], status: 202, server: createServer() };
  hub.server.on('request', (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST') hub.pings.push({ type: request.headers['content-type'] ?? '', body: new URLSearchParams(body) });
      response.writeHead(hub.status).end();
    });
  });
  await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
  const address = hub.server.address();
  if (!address || typeof address === 'string') throw new Error('hub did not start');
  hub.url = `http://127.0.0.1:${address.port}/hub`;
  return hub;
}

const feedKeys = (dir: string): string[] => listFiles(dir).filter((key) => fileHeaders(key).kind === 'feed');

describe('WebSub', () => {
  let s3: S3Server;
  let hub: Hub;
  let content: string;
  let outDir: string;
  const build = () => {
    const result = runBuild(content, NOW, outDir, { DATELINE_WEBSUB_HUB: hub.url });
    expect(result.status, result.output).toBe(0);
    outDir = result.outDir;
  };
  const deploy = (hubUrl = hub.url) =>
    runDeploy(outDir, ['--bucket', 'site', '--endpoint', s3.endpoint], { ...s3.env, DATELINE_WEBSUB_HUB: hubUrl });
  const pinged = (): string[] => hub.pings.map((p) => `${p.body.get('hub.mode')} ${p.body.get('hub.url')}`).sort();
  const editStory = (slug: string, words: string): void => {
    const file = join(content, `articles/2026/${slug}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, `\n---\n\n${words}\n`));
  };

  beforeAll(async () => {
    [s3, hub] = await Promise.all([startS3(['site']), startHub()]);
    content = fixtureCopy('basic');
    outDir = runBuild(content, NOW, undefined, { DATELINE_WEBSUB_HUB: hub.url }).outDir;
  });
  afterAll(async () => {
    await s3.close();
    hub.server.close();
  });

  it('names the hub in every feed, beside rel="self"', () => {
    const keys = feedKeys(outDir);
    expect(keys).toContain('rss.xml');
    for (const key of keys) {
      const xml = readFileSync(join(outDir, key), 'utf8');
      expect(xml, key).toContain(`<atom:link href="${ORIGIN}/${key}" rel="self" type="application/rss+xml"/>`);
      expect(xml, key).toContain(`<atom:link href="${hub.url}" rel="hub"/>`);
    }
  });

  it('pings the hub for every feed on a first deploy, as a form POST of hub.mode=publish and hub.url', async () => {
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(pinged()).toEqual(
      feedKeys(outDir)
        .map((key) => `publish ${ORIGIN}/${key}`)
        .sort(),
    );
    expect(new Set(hub.pings.map((p) => p.type))).toEqual(new Set(['application/x-www-form-urlencoded']));
    expect(run.stdout).toMatch(/WebSub: pinged http:\/\/127\.0\.0\.1:\d+\/hub for \d+ changed feeds/);
  });

  it('pings nothing when no feed changed', async () => {
    hub.pings = [];
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(hub.pings).toEqual([]);
  });

  it('after one story changes, pings exactly the feeds whose bytes changed', async () => {
    hub.pings = [];
    const before = expectedContents(outDir);
    editStory('harbour-accord-signed', 'A paragraph added after publication.');
    build();
    const changed = feedKeys(outDir).filter((key) => before.get(key) !== expectedContents(outDir).get(key));
    expect(changed).toContain('rss.xml');
    expect(changed.length).toBeLessThan(feedKeys(outDir).length);
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(pinged()).toEqual(changed.map((key) => `publish ${ORIGIN}/${key}`).sort());
  });

  it('warns and still succeeds when the hub refuses', async () => {
    hub.pings = [];
    hub.status = 500;
    editStory('harbour-accord-signed', 'A second paragraph.');
    build();
    const refused = await deploy();
    expect(refused.status, refused.output).toBe(0);
    expect(refused.output).toMatch(/deployed to s3:\/\/site/);
    expect(refused.output).toMatch(
      /warning: the WebSub hub http:\/\/127\.0\.0\.1:\d+\/hub did not take \d+ pings?: .*rss\.xml \(HTTP 500\)/,
    );
    expect(hub.pings.length).toBeGreaterThan(0);
  });

  it('warns and still succeeds when the hub is down', async () => {
    hub.status = 202;
    editStory('harbour-accord-signed', 'A third paragraph.');
    build();
    // A port nothing listens on: taken, then let go.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const down = await deploy(`http://127.0.0.1:${port}/hub`);
    expect(down.status, down.output).toBe(0);
    expect(down.output).toMatch(new RegExp(`warning: the WebSub hub http://127\\.0\\.0\\.1:${port}/hub did not take .*\\(ECONNREFUSED\\)`));
  });
});
