import helmet, { HelmetOptions } from 'helmet';

/**
 * helmet's security headers for every answer, worked out once at start: with our options they are the
 * same for every request, so asking helmet per request (as its Fastify plugin does, through an async
 * hook of its own) only cost each API call time. The Content-Security-Policy is set beside them, per
 * kind of answer (see content-security.ts).
 */
export const HELMET_OPTIONS: HelmetOptions = {
  // Set separately: the pages' policy, the API documentation's, or a page's own nonce.
  contentSecurityPolicy: false,
  // Cross-origin isolation headers would stop nothing here and break opening links from other sites.
  crossOriginEmbedderPolicy: false,
};

export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [];
  const response = {
    setHeader: (name: string, value: string | number) => headers.push([name.toLowerCase(), String(value)]),
    removeHeader: () => undefined,
  };
  let done = false;
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // helmet's middleware answers at once; should a version ever defer, no header would be silently missing.
  if (!done) throw new Error('helmet did not give its headers at once');
  return headers;
}
