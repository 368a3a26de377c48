import { sessionCookie } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and Secure with the __Host- prefix when people use https', () => {
    const secure = sessionCookie({ publicUrl: 'https://tracker.halton.gov.uk', sessionSecret: 's'.repeat(40) });
    expect(secure).toMatchObject({
      cookieName: '__Host-tracker-session',
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: true },
      expiry: 8 * 3600,
      ephemeral: false,
    });
    const plain = sessionCookie({ publicUrl: 'http://127.0.0.1:3000' });
    expect(plain).toMatchObject({ cookieName: 'tracker-session', cookie: { secure: false }, ephemeral: true });
  });

  it('derives the same key from the same secret (sessions survive a restart), and a random one without', () => {
    const secret = 'a long random secret for the session cookie';
    expect(sessionCookie({ sessionSecret: secret }).key.equals(sessionCookie({ sessionSecret: secret }).key)).toBe(true);
    expect(sessionCookie({ sessionSecret: secret }).key).toHaveLength(32);
    expect(sessionCookie({ sessionSecret: `${secret}!` }).key.equals(sessionCookie({ sessionSecret: secret }).key)).toBe(false);
    expect(sessionCookie({}).key.equals(sessionCookie({}).key)).toBe(false);
  });
});
