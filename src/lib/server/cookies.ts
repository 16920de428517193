import type { CookieSerializeOptions } from 'cookie';

export const SESSION_COOKIE = 'leefbaar_session';

export function sessionCookieOptions(url: URL, expiresAt: string): CookieSerializeOptions & { path: string } {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: new Date(expiresAt) };
}

export function preferenceCookieOptions(url: URL): CookieSerializeOptions & { path: string } {
	return { path: '/', httpOnly: false, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: 60 * 60 * 24 * 365 };
}
