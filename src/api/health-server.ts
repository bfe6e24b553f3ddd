import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseStatus } from '../services/database-status.ts';

/**
 * A small HTTP server that says salesops is running and what database it serves: the placeholder
 * until the full API server (routes per area, auth) replaces it.
 */

export interface HealthServerDeps {
  /** Reads the database's current status; called on each request, so counts are live. */
  readonly status: () => Promise<DatabaseStatus>;
}

export interface HealthReport {
  readonly status: 'ok';
  readonly engine: string;
  readonly schema: string | null;
  readonly workspace: { readonly name: string; readonly isDemo: boolean; readonly corporateCurrency: string } | null;
  readonly counts: { readonly people: number; readonly accounts: number; readonly opportunities: number };
}

export interface HealthServer {
  readonly server: Server;
  /** Starts listening; resolves with the URL once the port is bound (port 0 picks a free one). */
  listen(port: number, host: string): Promise<{ readonly url: string; readonly port: number }>;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export function healthReport(status: DatabaseStatus): HealthReport {
  return {
    status: 'ok',
    engine: status.engine,
    schema: status.schema.version,
    workspace: status.workspace === null
      ? null
      : { name: status.workspace.name, isDemo: status.workspace.isDemo, corporateCurrency: status.workspace.corporateCurrency },
    counts: { people: status.counts.people, accounts: status.counts.accounts, opportunities: status.counts.opportunities },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function statusPage(report: HealthReport): string {
  const workspace = report.workspace;
  const title = workspace === null ? 'No workspace yet' : escapeHtml(workspace.name);
  const demo = workspace?.isDemo === true ? ' <span class="demo">Demo data</span>' : '';
  const count = (n: number) => n.toLocaleString('en-US');
  const setup = workspace === null ? '<p>Run <code>salesops init</code> or <code>salesops demo</code> to create one.</p>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>salesops</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
.demo { background: #fde68a; color: #78350f; border-radius: 0.25rem; padding: 0.1rem 0.5rem; font-size: 0.8em; vertical-align: middle; }
table { border-collapse: collapse; } td { padding: 0.2rem 1rem 0.2rem 0; } td.n { text-align: right; }
</style>
</head>
<body>
<p>salesops is running.</p>
<h1>${title}${demo}</h1>
${setup}<table>
<tr><td>People</td><td class="n">${count(report.counts.people)}</td></tr>
<tr><td>Accounts</td><td class="n">${count(report.counts.accounts)}</td></tr>
<tr><td>Opportunities</td><td class="n">${count(report.counts.opportunities)}</td></tr>
</table>
<p>Database: ${escapeHtml(report.engine)}, schema ${escapeHtml(report.schema ?? 'none')}. Health as JSON: <a href="/api/health">/api/health</a>.</p>
<p>The web app arrives with the API server work; until then this page is all there is.</p>
</body>
</html>
`;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function handle(deps: HealthServerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const route = request.method === 'GET' && (path === '/api/health' || path === '/') ? path : null;
  if (route === null) {
    sendJson(response, 404, { error: { code: 'not_found', message: `No route for ${request.method ?? 'GET'} ${path}` } });
    return;
  }
  let report: HealthReport;
  try {
    report = healthReport(await deps.status());
  } catch {
    // The database went away: the server is up but not healthy. The message stays generic.
    sendJson(response, 503, { status: 'error', error: { code: 'database_unavailable', message: 'The database cannot be read' } });
    return;
  }
  if (route === '/api/health') sendJson(response, 200, report);
  else send(response, 200, 'text/html; charset=utf-8', statusPage(report));
}

export function createHealthServer(deps: HealthServerDeps): HealthServer {
  const server = createServer((request, response) => {
    handle(deps, request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'Internal error' } });
      else response.destroy();
    });
  });
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}/`, port: address.port });
        });
      }),
    close: (graceMs = 5000) =>
      new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
      }),
  };
}
