/**
 * Files over HTTP: `POST /api/upload?name=FILE` (the raw bytes of one file, for a call that would open
 * a dialog on one PC) and `GET /api/files/<token>` (a file a call of the same session wrote).
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SigapError } from '../../shared/errors';
import { safeName, type Download } from './files';
import { httpStatus, MSG, refusal, send } from './replies';
import type { SessionTable } from './sessions';

export async function registerFileRoutes(app: FastifyInstance, d: { sessions: SessionTable; clock: () => Date; uploadLimit: number }): Promise<void> {
  const { sessions, clock, uploadLimit } = d;

  // Uploads: the raw bytes of one file, its name in ?name=. The byte parser and its larger limit exist
  // only in this route's own scope: a call still takes JSON of at most the server's body limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: uploadLimit }, (_req, body, done) => done(null, body));
    scope.post<{ Querystring: { name?: string } }>('/api/upload', { bodyLimit: uploadLimit }, upload);
  });
  async function upload(req: FastifyRequest<{ Querystring: { name?: string } }>, reply: FastifyReply) {
    const s = sessions.authorize(req, reply, true);
    if (!s) return reply;
    // Only someone who may make a call right now (not locked, password changed) may store files here.
    try {
      await s.gate.check('auth.touch');
    } catch (e) {
      const err = e instanceof SigapError ? refusal(e.code, e.message) : refusal('INTERNAL', MSG.internal);
      return send(reply, err, httpStatus(err));
    }
    const name = typeof req.query.name === 'string' ? req.query.name.trim() : '';
    if (!name) return send(reply, refusal('INVALID_INPUT', MSG.uploadName), 400);
    if (!Buffer.isBuffer(req.body)) return send(reply, refusal('INVALID_INPUT', MSG.badType), 415);
    const up = s.files.addUpload(name, req.body, clock().getTime());
    return send(reply, { ok: true, value: { token: up.token, name: up.name, bytes: up.bytes } }, 200);
  }

  app.get<{ Params: { token: string } }>('/api/files/:token', async (req, reply) => {
    const s = sessions.authorize(req, reply, false);
    if (!s) return reply;
    const f: Download | undefined = s.files.download(req.params.token, clock().getTime());
    if (!f) return send(reply, refusal('NOT_FOUND', MSG.noFile), 404);
    const encoded = encodeURIComponent(f.name);
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('content-type', contentType(f.name))
      .header('content-length', f.bytes)
      .header('content-disposition', `${f.inline ? 'inline' : 'attachment'}; filename="${safeName(f.name).replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encoded}`)
      .send(createReadStream(f.path));
  });
}

function contentType(name: string): string {
  const ext = name.toLowerCase().split('.').pop();
  switch (ext) {
    case 'pdf':
      return 'application/pdf';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    case 'csv':
      return 'text/csv; charset=utf-8';
    case 'txt':
      return 'text/plain; charset=utf-8';
    case 'zip':
      return 'application/zip';
    default:
      return 'application/octet-stream';
  }
}
