import { describe, expect, it } from 'vitest';
import { catalogues, LOCALES, negotiateLocale, translate } from './index';
import { fieldMessage } from './field-errors';

describe('translations', () => {
	it('give every message in Dutch, French and English, with the same placeholders', () => {
		const missing: string[] = [];
		for (const [ns, messages] of Object.entries(catalogues.nl)) {
			for (const [key, text] of Object.entries(messages)) {
				const params = (text.match(/\{\w+\}/g) ?? []).sort();
				for (const locale of LOCALES) {
					const other = catalogues[locale][ns]?.[key];
					if (other === undefined) missing.push(`${locale}: ${ns}.${key}`);
					else expect((other.match(/\{\w+\}/g) ?? []).sort(), `${locale} ${ns}.${key}`).toEqual(params);
				}
			}
		}
		for (const locale of LOCALES) {
			for (const [ns, messages] of Object.entries(catalogues[locale])) {
				for (const key of Object.keys(messages)) if (catalogues.nl[ns]?.[key] === undefined) missing.push(`nl lacks ${ns}.${key} (${locale} has it)`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('fill in parameters and fall back to Dutch, then to the key', () => {
		expect(translate('en', 'common.signed_in_as', { name: 'Sara' })).toBe('Signed in as Sara');
		expect(translate('fr', 'nothing.here')).toBe('nothing.here');
	});

	it('pick the browser language when we speak it, else Dutch', () => {
		expect(negotiateLocale('fr-BE,fr;q=0.9,en;q=0.8')).toBe('fr');
		expect(negotiateLocale('de-DE,en;q=0.5')).toBe('en');
		expect(negotiateLocale('ar-MA')).toBe('nl');
		expect(negotiateLocale(undefined)).toBe('nl');
	});

	it('turn a validation issue into a sentence a resident understands', () => {
		expect(fieldMessage('nl', { path: 'email', code: 'invalid_format', message: '', params: { format: 'email' } })).toBe('Dit is geen geldig e-mailadres.');
		expect(fieldMessage('fr', { path: 'name', code: 'required', message: '' })).toBe('Remplissez ce champ.');
		expect(fieldMessage('en', { path: 'x', code: 'something_unknown', message: '' })).toBe('Not everything is filled in right.');
	});
});

describe('validation messages', () => {
	it('call a missing field required and a wrong one wrong', async () => {
		const { z } = await import('zod');
		const { parseInput } = await import('../validation');
		const { Invalid } = await import('../errors');
		const schema = z.object({ lon: z.coerce.number().min(-180), name: z.string().min(1) });
		try {
			parseInput(schema, { lon: 'abc', name: '' });
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(Invalid);
			const codes = Object.fromEntries((err as InstanceType<typeof Invalid>).issues.map((i) => [i.path, i.code]));
			expect(codes).toEqual({ lon: 'invalid_type', name: 'required' });
		}
	});
});
