// Requests a browser would never send: a forged Host header, a body cut short. fetch() decides the Host itself, so
// the hostile walk speaks node:http where it must choose every header.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawAnswer> {
	const target = new URL(url);
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((ok, fail) => {
		const req = send(
			{
				hostname: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: init.method ?? 'GET',
				headers: init.headers,
				setHost: !init.headers?.host
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', fail);
			}
		);
		req.on('error', fail);
		if (init.body !== undefined) req.write(init.body);
		req.end();
	});
}
