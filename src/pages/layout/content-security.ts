import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Strict: scripts from this origin only, plus the one inline line of the GOV.UK template (by its nonce);
 * styles, fonts and images from this origin; forms post here only; no framing.
 */
export const PAGE_CSP: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The policy as a header, with `nonce` (when given) allowed for scripts. */
export const pagePolicyWith = (nonce?: string): string =>
  Object.entries(PAGE_CSP)
    .map(([name, sources]) => `${kebab(name)} ${(name === 'scriptSrc' && nonce ? [...sources, `'nonce-${nonce}'`] : sources).join(' ')}`)
    .join('; ');

/** The policy of every answer that is not a rendered page: no inline script at all. */
export const PAGE_POLICY = pagePolicyWith();

/**
 * A nonce for the page being rendered, and the header that allows it. Made only when a page renders: an
 * API answer needs none, and making one for every answer costs every request random bytes.
 */
export function pageNonce(reply: FastifyReply): string {
  const nonce = randomBytes(16).toString('base64');
  void reply.header('content-security-policy', pagePolicyWith(nonce));
  return nonce;
}
