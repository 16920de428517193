// What the audit log shows a coordinator reads as words: every action a module writes to the log is among the search
// page's choices and has a label in Dutch, French and English, so no "signal_reply" or "routing_rule_update" code
// stands in a sentence. The actions are read from the source, so a new one without a label fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { has } from '../i18n';
import { LOCALES } from '../i18n/locales';
import { AUDIT_ACTIONS, AUDIT_RESOURCES } from './audit-filters';

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
	});
}

/** The action names written by `audit(…, { action: … })` calls: each quoted name in the action's expression. */
function writtenActions(): Set<string> {
	const found = new Set<string>();
	for (const file of sources(SRC)) {
		const text = readFileSync(file, 'utf8');
		for (const call of text.matchAll(/\baudit\(/g)) {
			let depth = 1;
			let i = call.index + call[0].length;
			while (depth > 0 && i < text.length) {
				if (text[i] === '(') depth++;
				else if (text[i] === ')') depth--;
				i++;
			}
			const action = /action:\s*([^,}]+)/.exec(text.slice(call.index, i))?.[1] ?? '';
			// The names a condition chooses between ("a ? 'x' : 'y'"), not what it compares with ("v === 'paper'").
			for (const m of action.matchAll(/(?<![=!]==\s*)'([a-z0-9_-]+)'/g)) found.add(m[1]);
		}
	}
	// insertStaffAccount's default and the invitation's, passed in as a parameter.
	found.add('create').add('invite');
	return found;
}

/** Every quoted name after `pattern` in the app's source (tests' factories left out), e.g. `resourceType: 'signal'`. */
function written(pattern: RegExp): Set<string> {
	const found = new Set<string>();
	for (const file of sources(SRC).filter((f) => !f.endsWith('factories.ts'))) for (const m of readFileSync(file, 'utf8').matchAll(pattern)) found.add(m[1]);
	return found;
}

describe('the audit log speaks words', () => {
	it('every action the code writes is a choice on the search page', () => {
		const written = writtenActions();
		expect(written.size).toBeGreaterThan(50);
		expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).sort()).toEqual([]);
	});

	it('every action has a label in every language', () => {
		const missing = LOCALES.flatMap((locale) => AUDIT_ACTIONS.filter((a) => !has(locale, `people.action_${a}`)).map((a) => `${locale}: ${a}`));
		expect(missing).toEqual([]);
	});

	it('every kind of record the code writes is a choice on the search page, with a label in every language', () => {
		const types = written(/resourceType:\s*'([a-z0-9_-]+)'/g);
		expect(types.size).toBeGreaterThan(10);
		expect([...types].filter((r) => !(AUDIT_RESOURCES as readonly string[]).includes(r)).sort()).toEqual([]);
		expect(LOCALES.flatMap((locale) => AUDIT_RESOURCES.filter((r) => !has(locale, `people.resource_${r}`)).map((r) => `${locale}: ${r}`))).toEqual([]);
	});

	it('Leefbaar itself, acting for a task ("system:auth"), is named in words in every language', () => {
		const tasks = written(/\bsystem\('([a-z0-9_-]+)'\)/g);
		expect(tasks.size).toBeGreaterThan(5);
		expect(LOCALES.flatMap((locale) => [...tasks].filter((task) => !has(locale, `people.actor_system_${task}`)).map((task) => `${locale}: ${task}`))).toEqual(
			[]
		);
	});
});
