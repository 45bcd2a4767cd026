/**
 * docs/performance.md is written by two benches: `npm run bench` (the operations) and
 * `npm run bench -- --server` (the server under load). Each owns its part; the server's part sits
 * between two markers so that either bench rewrites its own part and keeps the other's.
 */
const START = '<!-- bench:server -->';
const END = '<!-- /bench:server -->';

/** The server bench's part of a document as it stands ('' when it has none), markers included. */
export function serverSection(doc: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  return a >= 0 && b > a ? doc.slice(a, b + END.length) : '';
}

/** The document with the server bench's part replaced by `body` (appended when it had none). */
export function withServerSection(doc: string, body: string): string {
  const part = `${START}\n${body.trim()}\n${END}`;
  const old = serverSection(doc);
  return old ? doc.replace(old, part) : `${doc.trimEnd()}\n\n${part}\n`;
}
