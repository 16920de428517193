// A small XML writer for Open311's schemaless XML: objects become elements in key order, arrays repeat their singular
// element (services → service), null becomes an empty element. Every text is escaped; characters XML 1.0 cannot hold
// are dropped, so no stored text can break the document.
const ITEM_NAMES: Record<string, string> = {
	services: 'service',
	service_requests: 'request',
	attributes: 'attribute',
	values: 'value',
	endpoints: 'endpoint',
	formats: 'format',
	errors: 'error'
};
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
	return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function element(name: string, value: unknown): string {
	if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
	if (value === null || value === undefined) return `<${name}/>`;
	if (Array.isArray(value)) return `<${name}>${value.map((item) => element(ITEM_NAMES[name] ?? 'item', item)).join('')}</${name}>`;
	if (typeof value === 'object')
		return `<${name}>${Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => element(k, v))
			.join('')}</${name}>`;
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document with the declaration the spec requires (UTF-8). */
export function xmlDocument(root: string, value: unknown): string {
	return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
