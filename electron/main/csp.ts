/** The Content-Security-Policy of every page served from app://. No inline script, no remote origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const APP_SCHEME = 'app';
export const APP_HOST = 'sigap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The policy of the hidden print window. Its document is built by the core, self-contained (inline
 * CSS, the logo as a data: URL), but it carries text from the clerk's files (names, units, notes): if
 * any ever slipped past the escaping, this keeps it from loading anything or running anything, even
 * with JavaScript already off in that window.
 */
export const PRINT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
