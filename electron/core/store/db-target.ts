/**
 * What a database argument (`--db`, SIGAP_DB) names, without loading any driver: the Electron main
 * process and the CLI's entry use it to show where the data lives.
 */

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target.trim());
}

/** The URL without its password, for messages and logs; a file path unchanged. */
export function redactUrl(url: string): string {
  if (!isPostgresUrl(url)) return url; // a file path (C:\\… parses as a URL too) stays as it is
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  }
}
