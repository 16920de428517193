// Requests refused in the user's language: cross-site posts (CSRF) and bodies over the upload limit before routing,
// a form body that could not be read after. SvelteKit's own CSRF check answers in English plain text, so
// svelte.config.js leaves the check to us.
import { json, type RequestEvent } from '@sveltejs/kit';
import { htmlLang, translate, type Locale } from '$core/i18n';
import { wantsProblemJson } from './problem';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const SECRET_LINK_PAGES = /^\/(partner|opgelost|volgen)\/[^/]+$/;

/**
 * A request that changes something must come from one of our own pages: a browser sends our Origin with every POST
 * of our forms and scripts. Refused (403) on any page route: a form from another site, and also a POST without a
 * Content-Type (a beacon with a typeless blob) or without an Origin, which a check of form types alone lets through.
 */
export function refuseForgedForm(event: RequestEvent): Response | undefined {
	const { request, url } = event;
	if (!UNSAFE_METHODS.includes(request.method)) return;
	if (request.headers.get('origin') === url.origin) return;
	// Open311 clients post forms from their own servers, without Origin. Those endpoints read no session cookie (an
	// api_key in the body is the only credential), so a forged cross-site form could do nothing a stranger cannot.
	if (url.pathname.startsWith('/open311/')) return;
	// The partner's page, the resident's "is it solved?" and tracking pages: their secret link is the only key and their
	// forms read no session.
	// They send `Referrer-Policy: no-referrer` so the link never leaks in a Referer, and browsers then post their form
	// with `Origin: null`. A form from elsewhere would need the secret; one naming another site's origin is still refused.
	if (SECRET_LINK_PAGES.test(url.pathname) && request.headers.get('origin') === 'null') return;
	// The JSON API: another site's page can send JSON only after asking (a CORS preflight), which we never allow. What a
	// page may send without asking — a form type, or no type at all — must come from our own pages, as everywhere.
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (url.pathname.startsWith('/api/') && type !== '' && !FORM_TYPES.includes(type)) return;
	return refuse(event, 403, 'csrf');
}

/** A body announced larger than MAX_UPLOAD_MB: 413 before a byte of it is read. */
export function refuseOversizedBody(event: RequestEvent, maxBytes: number): Response | undefined {
	const length = Number(event.request.headers.get('content-length'));
	if (Number.isFinite(length) && length > maxBytes) return refuse(event, 413, 'too_large', { maximum: Math.round(maxBytes / 1024 / 1024) });
}

/**
 * A posted form that could not be read (readForm marked it): an API client, or one that asks for JSON, gets the same
 * problem document as any refusal here; a browser keeps SvelteKit's error page, Open311 its own error list.
 */
export function refuseBadBody(event: RequestEvent): Response | undefined {
	if (!event.locals.badBody || event.url.pathname.startsWith('/open311/')) return;
	if (event.url.pathname.startsWith('/api/') || wantsProblemJson(event.request)) return refuse(event, 400, 'bad_body');
}

/**
 * An error thrown before the page runs (the route's access rule in hooks.server.ts: 401, 403, 404), answered like the
 * refusals above: SvelteKit's own answer to it, made after the hooks, is a plain page that no hook could give its
 * security headers.
 */
export function refuseThrown(event: RequestEvent, status: number, code: string, message: string): Response {
	return refusal(event, status, code, message);
}

function refuse(event: RequestEvent, status: number, code: string, params?: Record<string, number>): Response {
	return refusal(event, status, code, translate(event.locals.locale, `errors.${code}`, params));
}

/** RFC 9457 JSON for API clients, otherwise a small page that says what happened and how to go on. */
function refusal(event: RequestEvent, status: number, code: string, message: string): Response {
	const locale = event.locals.locale;
	const headers = { 'x-request-id': event.locals.requestId };
	if (event.url.pathname.startsWith('/api/') || wantsProblemJson(event.request)) {
		const problem = { type: `https://leefbaar.be/problems/${code}`, title: message, status, code, instance: event.url.pathname };
		return json(problem, { status, headers: { ...headers, 'content-type': 'application/problem+json' } });
	}
	return new Response(refusalPage(locale, message), { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

function refusalPage(locale: Locale, message: string): string {
	const t = (key: string) => escapeHtml(translate(locale, key));
	return `<!doctype html>
<html lang="${htmlLang(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('common.error_title')} · ${t('common.app_name')}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;line-height:1.5}header{background:#0b6e4f;color:#fff;padding:.75rem 1rem;font-weight:700;font-size:1.25rem}main{max-width:40rem;margin:0 auto;padding:1rem}p.status{border-left:6px solid #a4161a;background:#fbeaea;padding:.75rem 1rem}a{color:#084c37}</style></head>
<body><header>${t('common.app_name')}</header><main><h1>${t('common.error_title')}</h1><p class="status" role="alert">${escapeHtml(message)}</p><p><a href="/">${t('common.to_home')}</a></p></main></body>
</html>`;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
