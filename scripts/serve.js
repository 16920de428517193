// Serves the built app. Unlike adapter-node's own entry, a request that reaches us without a proxy in front is
// taken as plain http (adapter-node assumes https), so form posts pass SvelteKit's same-origin (CSRF) check on
// http://localhost out of the box. Behind a TLS proxy, the proxy's X-Forwarded-Proto (or ORIGIN) wins.
import http from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
// adapter-node's own default body limit is 512 KB; ours follows MAX_UPLOAD_MB (the app refuses larger uploads itself).
process.env.BODY_SIZE_LIMIT ||= String(Math.round(Number(process.env.MAX_UPLOAD_MB || 50) * 1024 * 1024) + 64 * 1024);

// Behind a proxy, adapter-node takes the client's address from ADDRESS_HEADER (for X-Forwarded-For the entry XFF_DEPTH
// from the right, the one the outermost proxy of ours added) and throws when a request lacks it: a request that came
// around the proxy, or a proxy not told to set it. Such a request counts as coming from the address it connected from,
// instead of failing with a 500. (src/core/config/config.ts has already stopped the server on a wrong value.)
const addressHeader = (process.env.ADDRESS_HEADER ?? '').toLowerCase();
const xffDepth = Number(process.env.XFF_DEPTH || 1);

/** The address adapter-node would read from the proxy's header, or '' when it would find none. */
function proxiedAddress(value) {
	if (typeof value !== 'string') return '';
	if (addressHeader !== 'x-forwarded-for') return value.trim();
	const entries = value.split(',');
	return xffDepth <= entries.length ? entries[entries.length - xffDepth].trim() : '';
}

function addressFromConnection(req) {
	if (!addressHeader || proxiedAddress(req.headers[addressHeader])) return;
	const own = req.socket.remoteAddress ?? 'unknown';
	req.headers[addressHeader] = addressHeader === 'x-forwarded-for' ? Array(xffDepth).fill(own).join(', ') : own;
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const protocolHeader = process.env.PROTOCOL_HEADER.toLowerCase();

/** The app, once its start (migrations, the demo data on a first start) is done; requests that come earlier wait for it. */
let startApp;
const app = new Promise((ok) => (startApp = ok));
/** SvelteKit's handler once the app has started: from then on a request is handed over at once, as before. */
let ready;
const notFound = (res) => () => {
	res.statusCode = 404;
	res.end('Not found');
};

function serve(handler, req, res) {
	if (!process.env.ORIGIN && !req.headers[protocolHeader]) req.headers[protocolHeader] = 'http';
	addressFromConnection(req);
	// Every response, static files and refusals included, is read as the type it says it is (JSON, XML, CSV, images,
	// PDF): set here because files under build/client never pass SvelteKit's hooks. The other headers: hooks.server.ts.
	res.setHeader('x-content-type-options', 'nosniff');
	handler(req, res, notFound(res));
}

// A request that comes before the app has started (and checked its configuration) waits for it.
const server = http.createServer((req, res) => {
	if (ready) serve(ready, req, res);
	else app.then(({ handler }) => serve(handler, req, res)).catch(() => res.destroy());
});
server.keepAliveTimeout = 65_000;
server.once('error', (err) => {
	console.error(
		err.code === 'EADDRINUSE' ? `Leefbaar cannot start: port ${port} is in use. Set PORT to a free port.` : `Leefbaar cannot start: ${err.message}`
	);
	process.exit(1);
});

// The port is bound first, so the address printed is the one really listened on; then the app starts (its hooks print
// the demo logins below the address). ORIGIN, when set, is where people reach it (a proxy in front).
await new Promise((ok) => server.listen(port, host, ok));
const bound = server.address();
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
console.log(`Leefbaar listens on http://${shown}:${typeof bound === 'object' && bound ? bound.port : port}`);
if (process.env.ORIGIN) console.log(`Public address (ORIGIN): ${process.env.ORIGIN}`);
startApp(import(pathToFileURL(resolve(process.env.BUILD_DIR || 'build', 'handler.js')).href));
try {
	ready = (await app).handler;
} catch (err) {
	// A configuration error says what to set (src/core/config/config.ts); anything else keeps its stack.
	console.error(err instanceof Error && err.message.startsWith('Leefbaar cannot start') ? err.message : err);
	process.exit(1);
}

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
