/**
 * The peer of the API benchmark: a bare node:http server answering every request with one fixed
 * JSON body of the given size, the floor of this machine's HTTP stack (no routing, no
 * authentication, no database, no serialisation). Run in its own process so that it does not
 * share an event loop with the load generator.
 * Usage: peer-server.ts <body bytes>. Prints one JSON line, {"url": …}, once it listens; stops on
 * SIGTERM or SIGINT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

/** A JSON object of exactly `bytes` bytes (at least the 14 of its empty shape): {"padding":"xxx…"}. */
export function fixedJsonBody(bytes: number): Buffer {
  const shape = '{"padding":""}';
  return Buffer.from(`{"padding":"${'x'.repeat(Math.max(0, bytes - shape.length))}"}`);
}

function serve(bytes: number): void {
  const body = fixedJsonBody(bytes);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/`, bytes: body.length })}\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = Number(process.argv[2]);
  if (!Number.isInteger(bytes) || bytes < 0) {
    console.error('usage: peer-server.ts <body bytes>');
    process.exit(2);
  }
  serve(bytes);
}
