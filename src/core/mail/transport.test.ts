import { describe, expect, it } from 'vitest';
import { maskSecretLinks } from './transport';

describe('the secret in a mailed link, hidden for a mailbox shown to someone else', () => {
	it('hides the token of every kind of secret link and keeps the rest of the text', () => {
		const text = [
			'Kies een wachtwoord: https://leefbaar.example.be/password/reset/AbC_123-xyz456789012',
			'Uitnodiging: http://localhost:3000/invitation/Zz9_8-7yy',
			'Volg je melding: http://localhost:3000/volgen/tok3n?x=1 of bel ons.',
			'Partner: http://localhost:3000/partner/p4rtn3r/foto/1 en opgelost? http://localhost:3000/opgelost/s0lved?answer=yes',
			'Je code: http://localhost:3000/enquete/c/ABCD-EFGH',
			'De buurt: http://localhost:3000/buurten/wallaysplein'
		].join('\n');
		const masked = maskSecretLinks(text);
		for (const secret of ['AbC_123-xyz456789012', 'Zz9_8-7yy', 'tok3n', 'p4rtn3r', 's0lved', 'ABCD-EFGH']) expect(masked).not.toContain(secret);
		expect(masked).toContain('https://leefbaar.example.be/password/reset/•••');
		expect(masked).toContain('http://localhost:3000/volgen/•••?x=1 of bel ons.');
		expect(masked).toContain('http://localhost:3000/buurten/wallaysplein');
	});
});
