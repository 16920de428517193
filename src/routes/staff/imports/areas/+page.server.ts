import { fail, redirect } from '@sveltejs/kit';
import { parseFeatureCollection } from '$core/areas';
import { startAreaImport } from '$core/areas';
import { listAreas } from '$core/areas';
import { translate, type Locale } from '$core/i18n';
import { formAction, invalidField } from '$lib/server/handlers';
import type { AreaImportInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const parents = await listAreas(locals.core.db, locals.actor);
	return { parents: parents.map((p) => ({ id: p.id, name: p.name, kind: p.kind })), maxMb: Math.round(locals.core.config.maxUploadBytes / 1024 / 1024) };
};

const choices = (fields: Record<string, unknown>) => {
	const field = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
	return {
		kind: field('kind'),
		parentId: field('parentId'),
		nameProperty: field('nameProperty'),
		codeProperty: field('codeProperty'),
		nameFrProperty: field('nameFrProperty'),
		dryRun: field('dryRun') === 'on'
	};
};

/** A problem with the file itself is worded for files (not valid GeoJSON, no features…), next to the file field. */
function fileRefusal(locale: Locale, values: ReturnType<typeof choices>, status: number, key: string, params?: Record<string, string | number>) {
	const message = translate(locale, key, params);
	return fail(status, { errors: { file: message }, message, values });
}

export const actions: Actions = {
	default: formAction(
		async ({ locals }, fields, form) => {
			const { db, config, logger } = locals.core;
			const values = choices(fields);
			const file = form.get('file');
			if (typeof file === 'string' || !file || file.size === 0) return fileRefusal(locals.locale, values, 400, 'areas.file_missing');
			if (file.size > config.maxUploadBytes)
				return fileRefusal(locals.locale, values, 413, 'errors.too_large', { maximum: Math.round(config.maxUploadBytes / 1024 / 1024) });
			const text = await file.text();
			// A file that is not GeoJSON at all is refused here, before any job starts.
			parseFeatureCollection(text);
			const { jobId } = await startAreaImport(db, locals.actor, { ...values, text, fileName: file.name.slice(0, 200) } as AreaImportInput, (err) =>
				logger.error({ err }, 'area import failed')
			);
			redirect(303, `/staff/imports/${jobId}`);
		},
		{
			values: choices,
			refusal: (err, fields, locale) => {
				const issue = invalidField(err, 'file');
				return issue ? fileRefusal(locale, choices(fields), 400, `areas.file_${issue.code}`) : null;
			}
		}
	)
};
