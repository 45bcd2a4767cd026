/** `GET /api/events`: the session's progress of long work as Server-Sent Events (`event: progress`). */
import type { FastifyInstance } from 'fastify';
import type { SessionTable } from './sessions';

export function registerEventRoutes(app: FastifyInstance, sessions: SessionTable): void {
  app.get('/api/events', (req, reply) => {
    const s = sessions.authorize(req, reply, false);
    if (!s) return reply;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': sigap\n\n');
    s.streams.add(res);
    const beat = setInterval(() => res.write(': hidup\n\n'), 20_000);
    beat.unref();
    res.on('close', () => {
      clearInterval(beat);
      s.streams.delete(res);
    });
    return reply;
  });
}
