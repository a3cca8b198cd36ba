import type { RequestHandler } from 'express';

/** The security headers helmet would set for a same-origin app. */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({
      'content-security-policy':
        "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    });
    res.removeHeader('x-powered-by');
    next();
  };
}
