// Builds the core once per process and gives every request its actor, language, text size and request id.
import { building } from '$app/environment';
import { error, isHttpError, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { anonymous } from '$core/access';
import { createCore, type Core } from '$core/app';
import { resolveSession } from '$core/auth';
import { demoStartLines, startDemo } from '$core/demo';
import { newId } from '$core/db';
import { isLocale, negotiateLocale } from '$core/i18n';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/cookies';
import { decideRouteAccess } from '$lib/server/route-access';
import { setPageHeaders } from '$lib/server/security-headers';
import { refuseBadBody, refuseForgedForm, refuseOversizedBody, refuseThrown } from '$lib/server/refusals';
import { translate } from '$core/i18n';

let core: Promise<Core> | undefined;

function getCore(): Promise<Core> {
	return (core ??= (async () => {
		const c = await createCore();
		// Plain lines for the person who ran `npm start` (scripts/serve.js printed the address first), not JSON log records.
		const demo = await startDemo(c, (line) => console.log(line));
		if (demo) for (const line of demoStartLines(demo)) console.log(line);
		const shutdown = async () => {
			await c.close();
			process.exit(0);
		};
		process.once('SIGTERM', shutdown);
		process.once('SIGINT', shutdown);
		return c;
	})());
}

export const init: ServerInit = async () => {
	if (!building) await getCore();
};

const TEXT_SIZES = ['normal', 'large', 'largest'] as const;

export const handle: Handle = async (input) => {
	try {
		return await answer(input);
	} catch (err) {
		// The access rule's 401, 403 and 404 (thrown below): answered here, where the page headers can be set.
		if (!isHttpError(err) || !input.event.locals.core) throw err;
		const { event } = input;
		const refusal = refuseThrown(event, err.status, err.body.code ?? (err.status === 404 ? 'not_found' : 'forbidden'), err.body.message);
		setPageHeaders(refusal, { routeId: event.route.id, url: event.url, tilesUrl: event.locals.core.config.mapTilesUrl });
		return refusal;
	}
};

const answer: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || newId();
	event.locals.requestId = requestId;
	const c = await getCore();
	event.locals.core = c;

	const lang = event.cookies.get('lang');
	event.locals.locale = isLocale(lang) ? lang : negotiateLocale(event.request.headers.get('accept-language'));
	// Same-origin check for form posts (svelte.config.js leaves it to us so the refusal is translated), then the upload
	// size, both before any body is read.
	const refusal = refuseForgedForm(event) ?? refuseOversizedBody(event, c.config.maxUploadBytes);
	if (refusal) {
		setPageHeaders(refusal, { routeId: event.route.id, url: event.url, tilesUrl: c.config.mapTilesUrl });
		return refusal;
	}

	const size = event.cookies.get('textsize');
	event.locals.textSize = (TEXT_SIZES as readonly string[]).includes(size ?? '') ? (size as (typeof TEXT_SIZES)[number]) : 'normal';

	event.locals.actor = { ...anonymous, requestId };
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await resolveSession(c.db, token, c.config.sessionDays);
		if (session) {
			event.locals.actor = { ...session.actor, requestId };
			event.locals.sessionId = session.sessionId;
			if (session.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
			event.locals.sessionExpired = true;
		}
	}

	const decision = decideRouteAccess(event.route.id, event.locals.actor);
	if (decision === 'unknown') error(404, { message: translate(event.locals.locale, 'common.error_not_found') });
	if (decision === 'forbidden') error(403, { message: translate(event.locals.locale, 'common.error_forbidden'), code: 'forbidden' });
	if (decision === 'login') {
		if (event.request.method !== 'GET' || event.route.id?.startsWith('/api/'))
			error(401, { message: translate(event.locals.locale, 'errors.unauthenticated'), code: 'unauthenticated' });
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}${event.locals.sessionExpired ? '&expired' : ''}`);
	}

	const resolved = await resolve(event, {
		transformPageChunk: ({ html }) => {
			const page = html
				.replace('%leefbaar.lang%', event.locals.locale === 'nl' ? 'nl-BE' : event.locals.locale === 'fr' ? 'fr-BE' : 'en')
				.replace('%leefbaar.textsize%', event.locals.textSize);
			return event.locals.pageMessages ? page.replace('</head>', `${event.locals.pageMessages}</head>`) : page;
		}
	});
	// A form body that could not be read: API and JSON clients get a problem document, as for every refusal.
	const response = refuseBadBody(event) ?? resolved;
	response.headers.set('x-request-id', requestId);
	// One line per request: the route pattern, never the filled-in path or query, so no personal data reaches the log.
	c.logger.info(
		{ requestId, method: event.request.method, route: event.route.id, status: response.status, ms: Math.round(performance.now() - started) },
		'request'
	);
	setPageHeaders(response, { routeId: event.route.id, url: event.url, tilesUrl: c.config.mapTilesUrl });
	return response;
};

export const handleError: HandleServerError = async ({ error, event, status, message }) => {
	const requestId = event.locals.requestId ?? 'unknown';
	if (status >= 500) {
		const c = await core;
		c?.logger.error({ err: error, requestId, route: event.route.id }, 'unhandled error');
	}
	return { message, requestId };
};
