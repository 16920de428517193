// The surveys module's errors: field issues with a stable code and a message key in the `surveys` namespace, for the
// answering rules, the structure's rules and the module's own refusals (a used code, a closed wave, …).
import type { z } from 'zod';
import { Invalid, type FieldIssue } from '../errors';
import { parseInput } from '../validation';

/** Codes with a message of their own in the `surveys` namespace (the rest are the shared `errors.<code>`). */
export const SURVEY_CODES = new Set([
	// answering
	'unknown_question',
	'hidden_question_answered',
	'answer_required',
	'value_off_scale',
	'unknown_option',
	'other_text_required',
	'other_not_allowed',
	'too_many_choices',
	'not_a_number',
	'not_whole_number',
	'number_out_of_range',
	'text_too_long',
	'invalid_answer',
	'too_many_answers',
	'invalid_submission_id',
	'submission_id_taken',
	'draft_too_large',
	// codes and channels
	'code_required',
	'unknown_code',
	'code_used',
	'code_void',
	'code_other_survey',
	'code_other_wave',
	'mode_not_allowed',
	'staff_channel',
	'survey_not_open',
	'no_open_wave',
	'estate_not_in_scope',
	// building
	'dutch_required',
	'too_many_languages',
	'invalid_language',
	'invalid_key',
	'reserved_option_key',
	'duplicate_key',
	'too_many_questions',
	'condition_unknown_question',
	'condition_not_earlier',
	'condition_kind_mismatch',
	'condition_unknown_option',
	'min_above_max',
	'mode_required',
	'scope_required',
	'closes_before_opens',
	'waves_overlap',
	'status_not_allowed',
	'survey_not_ready',
	'survey_has_answers',
	'not_draft',
	'codes_not_enabled',
	'wave_not_found',
	'theme_exists',
	'theme_other_survey',
	'wave_not_published',
	'batch_voided',
	'unknown_partner',
	'slug_format',
	'slug_taken',
	'slug_fixed'
]);

/** The field issue of a survey rule: code, message key `surveys.<code>`, and the parameters its message names. */
export function surveyIssue(path: string, code: string, message: string, params?: Record<string, unknown>): FieldIssue {
	return { path, code, message, messageKey: `surveys.${code}`, ...(params ? { params } : {}) };
}

/** A refusal about one field (or the whole form: path ''). */
export function surveyInvalid(path: string, code: string, message: string, params?: Record<string, unknown>): Invalid {
	return new Invalid([surveyIssue(path, code, message, params)]);
}

/** parseInput, with the module's own codes pointed at their messages in the `surveys` namespace. */
export function parseSurveyInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	try {
		return parseInput(schema, input);
	} catch (error) {
		if (!(error instanceof Invalid)) throw error;
		throw new Invalid(error.issues.map((i) => (SURVEY_CODES.has(i.code) ? { ...i, messageKey: `surveys.${i.code}` } : i)));
	}
}
