import { getImportJob } from '$core/jobs';
import { has, translate, type Locale } from '$core/i18n';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

type Rejection = {
	index?: number;
	line?: number;
	row?: number;
	reason?: string;
	code?: string;
	name?: string;
	message?: string;
	params?: Record<string, string>;
};

/** A rejection's reason in the user's language: the importing module's namespace first, then the shared errors. */
function reasonText(locale: Locale, kind: string, r: Rejection): string {
	const code = r.reason ?? r.code ?? '';
	const params = r.params ?? {};
	for (const key of [kind === 'areas' ? `areas.reject_${code}` : `${kind}.reject_${code}`, `people.reject_${code}`, `errors.${code}`]) {
		if (code && has(locale, key)) return translate(locale, key, params);
	}
	return r.message ?? code;
}

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'moved_out', 'movedOut', 'skipped'] as const;

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const job = await getImportJob(locals.core.db, locals.actor, params.id);
	const report = (job.report ?? {}) as Record<string, unknown>;
	const list = (Array.isArray(report.rejected) ? report.rejected : Array.isArray(report.errors) ? report.errors : []) as Rejection[];
	const rejected = list.map((r) => ({
		where:
			r.index !== undefined
				? { key: 'areas.feature_number', n: r.index + 1 }
				: r.line !== undefined
					? { key: 'areas.line_number', n: r.line }
					: r.row !== undefined
						? { key: 'areas.line_number', n: r.row }
						: null,
		name: typeof r.name === 'string' ? r.name : null,
		reason: reasonText(locals.locale, job.kind, r)
	}));
	const counts = COUNT_KEYS.filter((k) => typeof report[k] === 'number').map((k) => ({ key: k, value: report[k] as number }));
	const error = typeof report.error === 'string' ? report.error : null;
	const errorText = error
		? has(locals.locale, `areas.file_${error}`)
			? translate(locals.locale, `areas.file_${error}`)
			: translate(locals.locale, `errors.${error}`)
		: null;
	return {
		job: {
			id: job.id,
			kind: job.kind,
			status: job.status,
			dryRun: job.dry_run,
			fileName: job.file_name,
			total: job.total,
			processed: job.processed,
			createdAt: job.created_at,
			finishedAt: job.finished_at
		},
		counts,
		rejected,
		errorText
	};
});
