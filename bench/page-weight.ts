// What a phone downloads on its first visit to a page: the HTML and every stylesheet, script and preload it links
// (images too, listed apart), fetched as a browser asks for them (Accept-Encoding: br, gzip). For each: the bytes
// as served, and what gzip and brotli make of it, so a page the server sends uncompressed is seen both ways.
import http from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

export type Resource = { url: string; type: string; status: number; encoding: string | null; served: number; raw: number; gzip: number; brotli: number };
export type PageWeight = { page: string; resources: Resource[]; total: { served: number; raw: number; gzip: number; brotli: number }; images: number };

function get(url: string): Promise<{ status: number; type: string; encoding: string | null; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { headers: { 'accept-encoding': 'br, gzip', 'accept-language': 'nl-BE', accept: 'text/html,*/*' }, timeout: 15_000 }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					type: String(res.headers['content-type'] ?? ''),
					encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
					body: Buffer.concat(chunks)
				})
			);
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
		req.on('error', reject);
	});
}

function decoded(body: Buffer, encoding: string | null): Buffer {
	if (encoding === 'br') return brotliDecompressSync(body);
	if (encoding === 'gzip') return gunzipSync(body);
	return body;
}

/** The URLs of stylesheets, scripts, module preloads and images in the HTML, in order, without repeats. */
export function linkedResources(html: string): Array<{ href: string; kind: 'css' | 'js' | 'image' }> {
	const found: Array<{ href: string; kind: 'css' | 'js' | 'image' }> = [];
	const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = (attr(tag, 'rel') ?? '').toLowerCase();
		const href = attr(tag, 'href');
		if (!href) continue;
		if (rel.includes('stylesheet')) found.push({ href, kind: 'css' });
		else if (rel.includes('modulepreload') || (rel.includes('preload') && attr(tag, 'as') === 'script')) found.push({ href, kind: 'js' });
	}
	for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
		const src = attr(tag, 'src');
		if (src) found.push({ href: src, kind: 'js' });
	}
	for (const [, src] of html.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) found.push({ href: src, kind: 'js' });
	for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
		const src = attr(tag, 'src');
		if (src && !src.startsWith('data:')) found.push({ href: src, kind: 'image' });
	}
	const seen = new Set<string>();
	return found.filter((f) => !seen.has(f.href) && seen.add(f.href));
}

export async function measurePageWeight(origin: string, page: string): Promise<PageWeight> {
	const resources: Resource[] = [];
	const add = async (url: string) => {
		const res = await get(url);
		const raw = decoded(res.body, res.encoding);
		resources.push({
			url: url.replace(origin, ''),
			type: res.type.split(';')[0],
			status: res.status,
			encoding: res.encoding,
			served: res.body.length,
			raw: raw.length,
			gzip: gzipSync(raw, { level: 6 }).length,
			brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
		});
		return raw;
	};
	const html = (await add(origin + page)).toString('utf8');
	let images = 0;
	for (const r of linkedResources(html)) {
		if (r.kind === 'image') {
			images++;
			continue;
		}
		await add(new URL(r.href, origin + page).toString());
	}
	const sum = (k: 'served' | 'raw' | 'gzip' | 'brotli') => resources.reduce((s, r) => s + r[k], 0);
	return { page, resources, total: { served: sum('served'), raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') }, images };
}
