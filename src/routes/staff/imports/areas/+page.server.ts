import { fail, redirect } from '@sveltejs/kit';
import { parseFeatureCollection } from '$core/areas';
import { startAreaImport } from '$core/areas';
import { listAreas } from '$core/areas';
import { Invalid } from '$core/errors';
import { translate } from '$core/i18n';
import { readForm } from '$lib/server/form-body';
import { formFailure } from '$lib/server/problem';
import type { AreaImportInput } from '$core/areas/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const parents = await listAreas(locals.core.db, locals.actor);
	return { parents: parents.map((p) => ({ id: p.id, name: p.name, kind: p.kind })), maxMb: Math.round(locals.core.config.maxUploadBytes / 1024 / 1024) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { db, config, logger } = locals.core;
		const form = await readForm(request);
		const field = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? v : '';
		};
		const values = {
			kind: field('kind'),
			parentId: field('parentId'),
			nameProperty: field('nameProperty'),
			codeProperty: field('codeProperty'),
			nameFrProperty: field('nameFrProperty'),
			dryRun: field('dryRun') === 'on'
		};
		const refuse = (status: number, key: string, params?: Record<string, string | number>) => {
			const message = translate(locals.locale, key, params);
			return fail(status, { errors: { file: message }, message, values });
		};
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return refuse(400, 'areas.file_missing');
		if (file.size > config.maxUploadBytes) return refuse(413, 'errors.too_large', { maximum: Math.round(config.maxUploadBytes / 1024 / 1024) });
		const text = await file.text();
		let jobId: string;
		try {
			// A file that is not GeoJSON at all is refused here, before any job starts.
			parseFeatureCollection(text);
			({ jobId } = await startAreaImport(db, locals.actor, { ...values, text, fileName: file.name.slice(0, 200) } as AreaImportInput, (err) =>
				logger.error({ err }, 'area import failed')
			));
		} catch (err) {
			if (err instanceof Invalid && err.issues[0]?.path === 'file') return refuse(400, `areas.file_${err.issues[0].code}`);
			return formFailure(err, locals.locale, values);
		}
		redirect(303, `/staff/imports/${jobId}`);
	}
};
