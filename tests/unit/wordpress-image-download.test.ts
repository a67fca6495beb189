import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadImage, type DownloadLimits } from '#lib/import/image-download.ts';

const JPEG = readFileSync(join(import.meta.dirname, '../fixtures/wordpress/ferry.jpg'));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWMwTptpnDaTAUIBAB/uBMm6iK1UAAAAAElFTkSuQmCC',
  'base64',
);
const limits: DownloadLimits = { timeoutMs: 2_000, maxBytes: 10_000 };

describe('downloadImage from a server on 127.0.0.1', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': type, ...headers });
        response.end(body);
      };
      switch (request.url) {
        case '/ferry.jpg':
          return send(200, 'image/jpeg', JPEG);
        case '/pier.png':
          return send(200, 'image/png; charset=binary', PNG);
        case '/moved.jpg':
          return send(301, 'text/html', '', { location: '/ferry.jpg' });
        case '/missing.jpg':
          return send(404, 'text/html', '<h1>Not found</h1>');
        case '/page.jpg':
          return send(200, 'text/html; charset=utf-8', '<!doctype html><title>Log in</title>');
        case '/lying.jpg':
          return send(200, 'image/jpeg', '<!doctype html><title>Not a photo</title>');
        case '/logo.svg':
          return send(200, 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>');
        case '/huge.jpg':
          return send(200, 'image/jpeg', Buffer.concat([JPEG, Buffer.alloc(20_000)]));
        case '/streamed-huge.jpg':
          // No Content-Length: the cap must hold while reading.
          response.writeHead(200, { 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' });
          response.write(JPEG);
          for (let i = 0; i < 20; i++) response.write(Buffer.alloc(1_000));
          return response.end();
        case '/slow.jpg':
          return void setTimeout(() => send(200, 'image/jpeg', JPEG), 5_000).unref();
        default:
          return send(500, 'text/plain', 'unexpected');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('returns a JPEG with its bytes and extension', async () => {
    const result = await downloadImage(`${base}/ferry.jpg`, limits);
    expect(result).toEqual({ ok: true, bytes: new Uint8Array(JPEG), extension: 'jpg' });
  });

  it('names a PNG .png whatever the address says, and follows a redirect', async () => {
    expect(await downloadImage(`${base}/pier.png`, limits)).toMatchObject({ ok: true, extension: 'png' });
    expect(await downloadImage(`${base}/moved.jpg`, limits)).toMatchObject({ ok: true, extension: 'jpg' });
  });

  it('refuses a 404, saying what the server answered', async () => {
    expect(await downloadImage(`${base}/missing.jpg`, limits)).toEqual({ ok: false, why: 'the server answered 404 Not Found' });
  });

  it('refuses an answer that is not a photo: a web page, an SVG', async () => {
    expect(await downloadImage(`${base}/page.jpg`, limits)).toEqual({
      ok: false,
      why: 'it is "text/html", not a JPEG, PNG, WebP or AVIF photo',
    });
    expect(await downloadImage(`${base}/logo.svg`, limits)).toEqual({
      ok: false,
      why: 'it is "image/svg+xml", not a JPEG, PNG, WebP or AVIF photo',
    });
  });

  it('refuses an answer whose content is not the photo its type claims', async () => {
    expect(await downloadImage(`${base}/lying.jpg`, limits)).toEqual({ ok: false, why: 'it says it is image/jpeg but its content is not' });
  });

  it('refuses a photo over the size cap, declared or streamed', async () => {
    expect(await downloadImage(`${base}/huge.jpg`, limits)).toEqual({ ok: false, why: 'it is larger than 10 KB' });
    expect(await downloadImage(`${base}/streamed-huge.jpg`, limits)).toEqual({ ok: false, why: 'it is larger than 10 KB' });
  });

  it('gives up on a server that does not answer in time', async () => {
    expect(await downloadImage(`${base}/slow.jpg`, { ...limits, timeoutMs: 300 })).toEqual({
      ok: false,
      why: 'no answer within 0.3 seconds',
    });
  });

  it('refuses a closed port and an address that is not http(s)', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    expect(await downloadImage(`http://127.0.0.1:${port}/x.jpg`, limits)).toEqual({
      ok: false,
      why: 'it could not be fetched (ECONNREFUSED)',
    });
    expect(await downloadImage('file:///etc/passwd', limits)).toEqual({ ok: false, why: 'it is not an http(s) address' });
  });
});
