// A question or section as flat form values ("label.nl", "label.nl.easy", "options.0.key", …), the names the
// builder's forms post and structure-edits.ts reads back.
import { conditionToForm } from '$core/surveys/model';

type Obj = Record<string, unknown>;
const WORDINGS = ['title', 'intro', 'label', 'help', 'lowLabel', 'highLabel', 'unit', 'needsLabel', 'expectationsLabel', 'ideasLabel'];

function putWording(out: Record<string, string>, prefix: string, w: unknown) {
	if (!w || typeof w !== 'object') return;
	for (const [lang, v] of Object.entries(w as Obj)) {
		if (typeof v === 'string') out[`${prefix}.${lang}`] = v;
		else if (v && typeof v === 'object') {
			out[`${prefix}.${lang}`] = String((v as Obj).text ?? '');
			if ((v as Obj).easy) out[`${prefix}.${lang}.easy`] = String((v as Obj).easy);
		}
	}
}

export function flatten(item: Obj): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(item)) {
		if (WORDINGS.includes(k)) putWording(out, k, v);
		else if (k === 'options' && Array.isArray(v))
			v.forEach((o: Obj, i) => {
				out[`options.${i}.key`] = String(o.key ?? '');
				putWording(out, `options.${i}.label`, o.label);
			});
		else if (k === 'condition') out.condition = conditionToForm(v as never);
		else if (typeof v === 'boolean') out[k] = v ? 'on' : '';
		else if (typeof v === 'number' || typeof v === 'string') out[k] = Number.isNaN(v) ? '' : String(v);
	}
	if (item.kind === 'number') out.decimals = item.integer === false ? 'on' : '';
	return out;
}
