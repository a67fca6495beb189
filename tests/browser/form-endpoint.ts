// A stand-in for a third-party form service, on loopback: it records each POST
// and redirects the browser to the form's redirect target, as Formspree, Basin
// and the like do. Bounded: small bodies only, and it shuts itself down after
// a few minutes even if a test forgets to stop it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FormEndpoint {
  /** The URL to build the site with (DATELINE_COMMENTS_ENDPOINT). */
  url: string;
  /** Every submission received, as the field list the browser sent. */
  received: [string, string][][];
  /** The origin the redirect goes to instead of the site's public one (the preview server). */
  redirectOrigin: string;
  stop: () => Promise<void>;
}

const MAX_BODY = 64 * 1024;
const LIFETIME_MS = 5 * 60 * 1000;

/** Starts the endpoint on 127.0.0.1 on a free port. */
export async function startFormEndpoint(): Promise<FormEndpoint> {
  const endpoint: FormEndpoint = { url: '', received: [], redirectOrigin: '', stop: async () => undefined };
  const server: Server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/f/comments') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const fields = [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))];
      endpoint.received.push(fields);
      const target = new URL(fields.find(([name]) => name === '_redirect')?.[1] ?? '/', 'https://missing.example');
      // The site's public origin does not exist here: send the browser to the same page on the preview server.
      response.writeHead(303, { Location: new URL(target.pathname + target.search, endpoint.redirectOrigin).href }).end();
    });
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const lifetime = setTimeout(() => server.close(), LIFETIME_MS).unref();
  endpoint.url = `http://127.0.0.1:${port}/f/comments`;
  endpoint.stop = () => {
    clearTimeout(lifetime);
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return endpoint;
}
