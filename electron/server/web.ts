/**
 * The renderer for browsers: `sigap serve` answers `/` and every page route with the built renderer
 * (out/renderer, made by `npm run build:web`) under the app's own Content-Security-Policy
 * (electron/main/csp.ts: no inline script, no remote origin, `connect-src 'self'`), framing refused,
 * and react-router's routes falling back to index.html. Without the build, an Indonesian page says
 * how to make it. The page's `window.sigap` is renderer/src/web-bridge.ts, which calls /api/.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../main/csp';
import { MSG, refusal } from './replies';

/** The built renderer: `SIGAP_WEB_ROOT`, or out/renderer of the project this code runs from. */
export function defaultWebRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGAP_WEB_ROOT) return resolve(env.SIGAP_WEB_ROOT);
  // From electron/server/ (tsx) or out/cli/ (the built CLI): the folder with package.json above.
  let dir = import.meta.dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out/renderer');
    dir = dirname(dir);
  }
  return resolve('out/renderer');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Sigap: tampilan web belum dibuat</title></head>
<body>
<h1>Tampilan web Sigap belum dibuat</h1>
<p>Server Sigap berjalan, tetapi berkas tampilan untuk peramban (folder <code>out/renderer</code>) tidak ditemukan.</p>
<p>Buatlah sekali di folder proyek Sigap dengan perintah <code>npm run build:web</code>, lalu muat ulang halaman ini.
Folder lain dapat ditunjuk dengan variabel lingkungan <code>SIGAP_WEB_ROOT</code>.</p>
</body></html>
`;

const pageHeaders = (reply: FastifyReply): FastifyReply =>
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-frame-options', 'DENY').header('cross-origin-opener-policy', 'same-origin');

/** A file inside root for a URL path, or null (outside, missing, a folder). */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

export function registerWeb(app: FastifyInstance, webRoot: string): void {
  const root = resolve(webRoot);
  const index = join(root, 'index.html');
  const serveFile = (reply: FastifyReply, path: string, immutable: boolean) =>
    pageHeaders(reply)
      .code(200)
      .header('content-type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(createReadStream(path));

  const handler = async (req: { url: string }, reply: FastifyReply) => {
    const path = req.url.split('?')[0]!;
    // Unknown API routes stay JSON refusals, never the page.
    if (path === '/api' || path.startsWith('/api/')) return reply.code(404).header('cache-control', 'no-store').send(refusal('NOT_FOUND', MSG.unknownRoute));
    if (!existsSync(index)) return pageHeaders(reply).code(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(MISSING_BUILD_PAGE);
    const file = path === '/' ? null : fileFor(root, path);
    if (file) return serveFile(reply, file, path.startsWith('/assets/'));
    // A missing file (a name with an extension) is a 404; any other path is a react-router route.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Tidak ditemukan.');
    return serveFile(reply, index, false);
  };
  app.get('/', handler);
  app.get('/*', handler);
}
