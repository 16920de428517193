// The builder's edits as pure functions of the structure: a plain form post (no JavaScript) names one edit — add,
// change, move or delete a section or question — and its fields; the edit gives the whole new structure, which the
// route saves with saveStructure (the structure schema checks it). Form fields are named after the structure's paths
// ("label.nl", "label.nl.easy", "options.2.label.fr", "condition"), so an issue from the schema points at its field.
import { slugify } from '../areas/model';
import { LANGUAGE_CODE } from '../validation';
import type { StructureInput } from './model';
import { QUESTION_KINDS, type QuestionKind } from './model';

type Form = Record<string, unknown>;
type SectionInput = StructureInput['sections'][number];
type QuestionInput = SectionInput['questions'][number];
type WordingValue = string | { text: string; easy?: string };
type WordingMap = Record<string, WordingValue>;

export const BUILDER_EDITS = [
	'add_section',
	'update_section',
	'move_section',
	'delete_section',
	'add_question',
	'update_question',
	'move_question',
	'delete_question'
] as const;
export type BuilderEdit = (typeof BUILDER_EDITS)[number];

/** The languages the builder shows fields for: Dutch, French and English, then any other the structure uses or the worker adds. */
export function builderLanguages(s: StructureInput, extra: readonly string[] = []): string[] {
	const seen = new Set(['nl', 'fr', 'en']);
	const visit = (w: unknown) => {
		if (w && typeof w === 'object' && !Array.isArray(w)) for (const k of Object.keys(w)) if (LANGUAGE_CODE.test(k)) seen.add(k);
	};
	for (const sec of s.sections ?? []) {
		visit(sec.title);
		visit(sec.intro);
		for (const q of sec.questions ?? []) {
			visit(q.label);
			visit(q.help);
			if ('options' in q) for (const o of q.options ?? []) visit(o.label);
		}
	}
	for (const l of extra) if (LANGUAGE_CODE.test(l)) seen.add(l);
	return [...seen].slice(0, 20);
}

const text = (form: Form, name: string): string => {
	const v = form[name];
	return (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();
};
const ticked = (form: Form, name: string) => ['on', 'true', '1', 'yes'].includes(text(form, name));

/** `prefix.nl`, `prefix.nl.easy`, … into a wording; undefined when every field is empty. */
export function wordingFromForm(form: Form, prefix: string, languages: readonly string[]): WordingMap | undefined {
	const out: WordingMap = {};
	for (const lang of languages) {
		const main = text(form, `${prefix}.${lang}`);
		const easy = text(form, `${prefix}.${lang}.easy`);
		if (main || easy) out[lang] = easy ? { text: main, easy } : main;
	}
	return Object.keys(out).length ? out : undefined;
}

/** The text and easy-read variant of one language of a stored or typed wording, for a form's fields. */
export function wordingText(w: unknown, lang: string): { text: string; easy: string } {
	const v = w && typeof w === 'object' ? (w as Record<string, unknown>)[lang] : undefined;
	if (typeof v === 'string') return { text: v, easy: '' };
	if (v && typeof v === 'object') return { text: String((v as { text?: unknown }).text ?? ''), easy: String((v as { easy?: unknown }).easy ?? '') };
	return { text: '', easy: '' };
}

const numberOrUndefined = (v: string): number | undefined => (v === '' ? undefined : Number(v.replace(',', '.')));

/** A key from a label: "Hoe tevreden bent u?" → "hoe_tevreden_bent_u", unique among `taken`. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>, fallback: string, optionKey = false): string {
	let base = slugify(label).replace(/-/g, '_').slice(0, 30).replace(/_+$/, '');
	if (!base || (!optionKey && !/^[a-z]/.test(base))) base = fallback;
	if (optionKey && base === 'other') base = 'other_answer';
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

const questionKeys = (s: StructureInput) => new Set((s.sections ?? []).flatMap((sec) => (sec.questions ?? []).map((q) => q.key)));
const index = (form: Form, name: string) => {
	const n = Number(text(form, name));
	return Number.isInteger(n) && n >= 0 ? n : -1;
};

/** "is:repair_asked:yes" / "equals:contact:weekly" / "includes:help:garden" → a condition; "" → none. */
export function conditionFromForm(value: string): QuestionInput['condition'] {
	const [kind, question, wanted] = value.split(':');
	if (!kind || !question || wanted === undefined) return undefined;
	if (kind === 'is') return { question, is: wanted === 'no' ? 'no' : 'yes' };
	if (kind === 'equals') return { question, equals: wanted };
	if (kind === 'includes') return { question, includes: wanted };
	return undefined;
}

export function conditionToForm(c: QuestionInput['condition']): string {
	if (!c) return '';
	if ('is' in c) return `is:${c.question}:${c.is}`;
	if ('equals' in c) return `equals:${c.question}:${c.equals}`;
	return `includes:${c.question}:${c.includes}`;
}

/** The options of a choice question from rows `options.N.key` / `options.N.label.<lang>`; rows without text are left out. */
function optionsFromForm(form: Form, languages: readonly string[]) {
	const rows: Array<{ key: string; label: WordingMap }> = [];
	for (let i = 0; i < 60; i++) {
		const label = wordingFromForm(form, `options.${i}.label`, languages);
		const key = text(form, `options.${i}.key`);
		if (!label && !key) continue;
		rows.push({ key, label: label ?? {} });
	}
	const taken = new Set(rows.map((r) => r.key).filter(Boolean));
	for (const [i, r] of rows.entries()) {
		if (r.key) continue;
		r.key = keyFromLabel(wordingText(r.label, 'nl').text, taken, `option_${i + 1}`, true);
		taken.add(r.key);
	}
	return rows;
}

/** The fields a question of this kind has besides the common ones, read from its edit form. */
function kindFields(kind: QuestionKind, form: Form, languages: readonly string[], before?: QuestionInput): Record<string, unknown> {
	const w = (prefix: string) => wordingFromForm(form, prefix, languages);
	const max = (fallback?: unknown) => numberOrUndefined(text(form, 'maxLength')) ?? (fallback as number | undefined);
	switch (kind) {
		case 'single_choice':
			return { options: optionsFromForm(form, languages), allowOther: ticked(form, 'allowOther') };
		case 'multiple_choice':
			return { options: optionsFromForm(form, languages), allowOther: ticked(form, 'allowOther'), maxChoices: numberOrUndefined(text(form, 'maxChoices')) };
		case 'scale':
			return { lowLabel: w('lowLabel'), highLabel: w('highLabel') };
		case 'number':
			return { min: numberOrUndefined(text(form, 'min')), max: numberOrUndefined(text(form, 'max')), integer: !ticked(form, 'decimals'), unit: w('unit') };
		case 'short_text':
		case 'long_text':
			return { maxLength: max(before && 'maxLength' in before ? before.maxLength : undefined) };
		case 'needs_block':
			return {
				needsLabel: w('needsLabel'),
				expectationsLabel: w('expectationsLabel'),
				ideasLabel: w('ideasLabel'),
				maxLength: max(before && 'maxLength' in before ? before.maxLength : undefined)
			};
		default:
			return {};
	}
}

/** Drops the fields a form left empty, so the schema's defaults and optional fields apply. */
const compact = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Conditions that named a question by its old key follow it to its new key. */
function renameInConditions(s: StructureInput, from: string, to: string): void {
	for (const sec of s.sections) for (const q of sec.questions ?? []) if (q.condition?.question === from) q.condition = { ...q.condition, question: to };
}

/** Where the edit happened, for the page to scroll to and show issues next to: "section-0" or "question-0-2". */
export type EditResult = { structure: StructureInput; target: string };

/** Where an edit applies: the section and question indexes of the form, the section itself, the direction of a move. */
type EditAt = { si: number; qi: number; section: SectionInput | undefined; up: boolean; form: Form; languages: readonly string[] };

/** A new section at the end, with a key made from its place. */
function addSection(s: StructureInput, at: EditAt): EditResult | null {
	const { form, languages } = at;
	const taken = new Set(s.sections.map((x) => x.key));
	const key = keyFromLabel(`deel_${s.sections.length + 1}`, taken, 'deel');
	s.sections.push(
		compact({
			key,
			title: wordingFromForm(form, 'title', languages) ?? {},
			intro: wordingFromForm(form, 'intro', languages),
			questions: []
		}) as SectionInput
	);
	return { structure: s, target: `section-${s.sections.length - 1}` };
}

/** A section's key, title and intro. */
function updateSection(s: StructureInput, at: EditAt): EditResult | null {
	const { si, section, form, languages } = at;
	if (!section) return null;
	s.sections[si] = compact({
		...section,
		key: text(form, 'key') || section.key,
		title: wordingFromForm(form, 'title', languages) ?? {},
		intro: wordingFromForm(form, 'intro', languages)
	}) as SectionInput;
	return { structure: s, target: `section-${si}` };
}

/** A section one place up or down. */
function moveSection(s: StructureInput, at: EditAt): EditResult | null {
	const { si, section, up } = at;
	const to = up ? si - 1 : si + 1;
	if (!section || to < 0 || to >= s.sections.length) return null;
	[s.sections[si], s.sections[to]] = [s.sections[to], s.sections[si]];
	return { structure: s, target: `section-${to}` };
}

/** A section and its questions gone. */
function deleteSection(s: StructureInput, at: EditAt): EditResult | null {
	const { si, section } = at;
	if (!section) return null;
	s.sections.splice(si, 1);
	return { structure: s, target: 'sections' };
}

/** A new question at the end of a section; choice questions get their options from the lines typed. */
function addQuestion(s: StructureInput, at: EditAt): EditResult | null {
	const { si, section, form, languages } = at;
	if (!section) return null;
	const kind = text(form, 'kind') as QuestionKind;
	const label = wordingFromForm(form, 'label', languages) ?? {};
	const key = text(form, 'key') || keyFromLabel(wordingText(label, 'nl').text, questionKeys(s), `vraag_${questionKeys(s).size + 1}`);
	const options = text(form, 'options')
		.split(/\r?\n/)
		.map((o) => o.trim())
		.filter(Boolean);
	const base = {
		key,
		kind: (QUESTION_KINDS as readonly string[]).includes(kind) ? kind : 'short_text',
		required: ticked(form, 'required'),
		label
	} as Record<string, unknown>;
	if (kind === 'single_choice' || kind === 'multiple_choice') {
		const taken = new Set<string>();
		base.options = options.map((o, i) => {
			const optionKey = keyFromLabel(o, taken, `option_${i + 1}`, true);
			taken.add(optionKey);
			return { key: optionKey, label: { nl: o } };
		});
		base.allowOther = ticked(form, 'allowOther');
	}
	const condition = conditionFromForm(text(form, 'condition'));
	if (condition) base.condition = condition;
	(section.questions ??= []).push(base as QuestionInput);
	return { structure: s, target: `question-${si}-${section.questions.length - 1}` };
}

/** A question's texts and settings; a new key is renamed in the conditions that name it. */
function updateQuestion(s: StructureInput, at: EditAt): EditResult | null {
	const { si, qi, section, form, languages } = at;
	const before = section?.questions?.[qi];
	if (!section || !before) return null;
	const key = text(form, 'key') || before.key;
	const next = compact({
		key,
		kind: before.kind,
		required: ticked(form, 'required'),
		condition: conditionFromForm(text(form, 'condition')),
		label: wordingFromForm(form, 'label', languages) ?? {},
		help: wordingFromForm(form, 'help', languages),
		...kindFields(before.kind, form, languages, before)
	}) as QuestionInput;
	section.questions![qi] = next;
	if (key !== before.key) renameInConditions(s, before.key, key);
	return { structure: s, target: `question-${si}-${qi}` };
}

/** A question one place up or down, past the edge of its section into the next one. */
function moveQuestion(s: StructureInput, at: EditAt): EditResult | null {
	const { si, qi, section, up } = at;
	const q = section?.questions?.[qi];
	if (!section || !q) return null;
	const list = section.questions!;
	const to = up ? qi - 1 : qi + 1;
	if (to >= 0 && to < list.length) {
		[list[qi], list[to]] = [list[to], list[qi]];
		return { structure: s, target: `question-${si}-${to}` };
	}
	// Past the first or last question of a section, it moves on to the section before or after.
	const other = s.sections[up ? si - 1 : si + 1];
	if (!other) return null;
	list.splice(qi, 1);
	other.questions ??= [];
	if (up) other.questions.push(q);
	else other.questions.unshift(q);
	return { structure: s, target: `question-${up ? si - 1 : si + 1}-${up ? other.questions.length - 1 : 0}` };
}

/** A question gone. */
function deleteQuestion(s: StructureInput, at: EditAt): EditResult | null {
	const { si, qi, section } = at;
	if (!section?.questions?.[qi]) return null;
	section.questions.splice(qi, 1);
	return { structure: s, target: `section-${si}` };
}

const EDIT_STEPS: { [E in BuilderEdit]: (s: StructureInput, at: EditAt) => EditResult | null } = {
	add_section: addSection,
	update_section: updateSection,
	move_section: moveSection,
	delete_section: deleteSection,
	add_question: addQuestion,
	update_question: updateQuestion,
	move_question: moveQuestion,
	delete_question: deleteQuestion
};

/**
 * Applies one edit from a form to a copy of the structure. `form.section` and `form.question` are indexes; `form.kind`
 * the new question's kind; `form.direction` "up" or "down". An index that no longer exists (a page open in two tabs)
 * changes nothing.
 */
export function applyStructureEdit(current: StructureInput, edit: BuilderEdit, form: Form, languages: readonly string[]): EditResult {
	const s: StructureInput = structuredClone({ sections: current.sections ?? [] });
	const si = index(form, 'section');
	const at: EditAt = { si, qi: index(form, 'question'), section: s.sections[si], up: text(form, 'direction') === 'up', form, languages };
	return EDIT_STEPS[edit](s, at) ?? { structure: s, target: si >= 0 ? `section-${si}` : 'sections' };
}

/**
 * Which block of the builder an issue of the structure schema belongs to ("question-0-2", "section-1" or "sections"),
 * and the field inside it ("label.nl", "options.1.label.nl", "condition").
 */
export function issueTarget(path: string): { target: string; field: string } {
	const parts = path.split('.');
	if (parts[0] !== 'sections' || parts.length < 2) return { target: 'sections', field: path };
	const si = parts[1];
	if (parts[2] === 'questions' && parts[3] !== undefined) return { target: `question-${si}-${parts[3]}`, field: fieldName(parts.slice(4)) };
	return { target: `section-${si}`, field: fieldName(parts.slice(2)) };
}

/** "label" and "label.nl.text" point at the Dutch field; "condition.question" at the condition. */
function fieldName(rest: string[]): string {
	const parts = rest.filter((p) => p !== 'text');
	if (parts[0] === 'condition') return 'condition';
	const last = parts[parts.length - 1];
	if (['label', 'title', 'intro', 'help', 'lowLabel', 'highLabel', 'unit', 'needsLabel', 'expectationsLabel', 'ideasLabel'].includes(last ?? ''))
		return [...parts, 'nl'].join('.');
	return parts.join('.');
}
