import { hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/config';
import { SESSION_HOURS } from './web-sessions';

export interface SessionCookie {
  cookieName: string;
  /** 32 bytes: the key the cookie is encrypted and authenticated with. */
  key: Buffer;
  /** True when the key was made up at start because none is configured: sessions end on restart. */
  ephemeral: boolean;
  cookie: { path: '/'; httpOnly: true; sameSite: 'lax'; secure: boolean };
  /** Seconds after which the cookie no longer opens, however it was kept. */
  expiry: number;
}

/**
 * The session cookie's settings. Its key comes from SESSION_SECRET (stretched to 32 bytes with HKDF), so
 * sessions survive restarts and work across servers sharing the secret; without one a random key is made
 * at each start. Over https (PUBLIC_URL) the cookie is Secure and takes the __Host- prefix, which browsers
 * only accept from a secure origin, for the whole site, and without a domain.
 */
export function sessionCookie(config: Pick<AppConfig, 'publicUrl' | 'sessionSecret'>): SessionCookie {
  const secure = config.publicUrl?.startsWith('https://') ?? false;
  const key = config.sessionSecret
    ? Buffer.from(hkdfSync('sha256', config.sessionSecret, 'improvement-plan-tracker', 'session cookie', 32))
    : randomBytes(32);
  return {
    cookieName: secure ? '__Host-tracker-session' : 'tracker-session',
    key,
    ephemeral: config.sessionSecret === undefined,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure },
    expiry: SESSION_HOURS * 3600,
  };
}
