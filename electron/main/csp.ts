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
