// A tiny HTTP client that behaves like a browser tab for our purposes: it keeps cookies, sends the Origin header a
// browser sends with form posts, and never follows redirects (tests assert where a redirect goes).
import { DEMO_PASSWORD } from '../../src/core/demo/data';
import type { TestServer } from './server';

export type FormFields = Record<string, string> | URLSearchParams | FormData;

export class HttpSession {
	readonly cookies = new Map<string, string>();

	constructor(
		readonly server: Pick<TestServer, 'url'>,
		readonly headers: Record<string, string> = {}
	) {}

	cookieHeader(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	async request(path: string, init: RequestInit = {}): Promise<Response> {
		// A browser's Accept: with fetch's default (*/*) SvelteKit answers form posts with JSON, as for use:enhance.
		const headers = new Headers({ accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...this.headers });
		for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
		const cookie = this.cookieHeader();
		if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
		const res = await fetch(new URL(path, this.server.url), { ...init, headers, redirect: 'manual' });
		this.remember(res);
		return res;
	}

	get(path: string, headers: Record<string, string> = {}): Promise<Response> {
		return this.request(path, { headers });
	}

	/** A form post as a browser sends it from one of our pages: urlencoded (or multipart for FormData), with Origin. */
	post(path: string, fields: FormFields, headers: Record<string, string> = {}): Promise<Response> {
		const body = fields instanceof FormData || fields instanceof URLSearchParams ? fields : new URLSearchParams(fields);
		return this.request(path, { method: 'POST', body, headers: { origin: this.server.url, ...headers } });
	}

	private remember(res: Response): void {
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => {
				const [k, v] = a.trim().split('=');
				if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
				if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
				return false;
			});
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
}

/** Signs in through the login form, as a person would; fails loudly when the login is refused. */
export async function login(server: Pick<TestServer, 'url'>, email: string, password = DEMO_PASSWORD): Promise<HttpSession> {
	const session = new HttpSession(server);
	const res = await session.post('/login', { email, password });
	if (res.status !== 303 || !session.cookies.has('leefbaar_session')) {
		throw new Error(`Login as ${email} failed: ${res.status} ${res.headers.get('location') ?? ''} ${(await res.text()).slice(0, 300)}`);
	}
	return session;
}

/** The demo logins by the person they stand for (src/core/demo/data.ts). */
export const DEMO = {
	admin: 'admin@leefbaar.demo',
	coordinator: 'coordinator@leefbaar.demo',
	communityWorker: 'opbouwwerker@leefbaar.demo',
	housingCompany: 'vlashaard@leefbaar.demo',
	welfareCentre: 'ocmw@leefbaar.demo',
	/** Samenlevingsopbouw Antwerpen provincie: a second institute, working in Brecht only. */
	otherInstitute: 'kapelakker@leefbaar.demo'
} as const;
