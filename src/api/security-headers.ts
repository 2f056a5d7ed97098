/**
 * Security headers on every response (helmet): a Content-Security-Policy that allows only the
 * hub's own files plus its few inline scripts and styles by their SHA-256 hash (no
 * 'unsafe-inline' for either, no inline event handlers or style attributes), no framing by
 * other sites, nosniff, and a referrer policy that sends other sites the origin only.
 * HSTS is left to the TLS-terminating proxy (docs/security.md); a hub on plain HTTP must not ask for it.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { LAYOUT_STYLE } from './pages/html.js';
import { QUERY_SCRIPT } from './pages/query-page.js';
import { FILTER_SCRIPT, REPORT_CSS } from './pages/report-parts.js';

/** The CSP source expression of an inline element's text: `'sha256-…'`. */
export const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Every inline <script> the pages carry (JSON data blocks are not run, so they need none). */
export const INLINE_SCRIPTS = [QUERY_SCRIPT, FILTER_SCRIPT];
/** Every inline <style> the pages carry. */
export const INLINE_STYLES = [LAYOUT_STYLE, REPORT_CSS];

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...INLINE_SCRIPTS.map(cspHash)],
        styleSrc: ["'self'", ...INLINE_STYLES.map(cspHash)],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: false,
    // Open data: other sites may load the hub's resources (CORS still governs what scripts read).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}
