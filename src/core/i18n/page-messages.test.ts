import { describe, expect, it } from 'vitest';
import { catalogues } from './index';
import { messagesScript, pageMessages } from './page-messages';

describe('the translations a page sends to the browser', () => {
	it('whole namespaces and single keys in the reader’s language, a few keys in every language', () => {
		const sent = pageMessages('fr', { namespaces: ['survey_tablet'], keys: ['inbox.nav'], everyLanguageKeys: ['surveys.scale_1'] });
		expect(sent.fr!.survey_tablet).toEqual(catalogues.fr.survey_tablet);
		expect(sent.fr!.inbox).toEqual({ nav: catalogues.fr.inbox.nav });
		expect(Object.keys(sent).sort()).toEqual(['en', 'fr', 'nl']);
		expect(sent.nl).toEqual({ surveys: { scale_1: catalogues.nl.surveys.scale_1 } });
		expect(sent.en!.surveys).toEqual({ scale_1: catalogues.en.surveys.scale_1 });
		expect(sent.fr!.surveys).toEqual({ scale_1: catalogues.fr.surveys.scale_1 });
	});

	it('is written as JSON that no text can close early, and reads back the same', () => {
		const script = messagesScript({ nl: { x: { y: '</script><script>alert(1)</script> <!-- a & b' } } });
		expect(script.match(/<\/script>/g)).toHaveLength(1);
		expect(script).not.toContain('<!--');
		const json = script.slice(script.indexOf('>') + 1, script.lastIndexOf('</script>'));
		expect(JSON.parse(json)).toEqual({ nl: { x: { y: '</script><script>alert(1)</script> <!-- a & b' } } });
	});
});
