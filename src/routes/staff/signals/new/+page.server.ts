// A worker registers what a resident told them (house visit, community centre, street, phone, office), for that
// resident or their household. A help request goes to the partner that must act only with the resident's consent,
// asked on the spot with the plain sentence shown on this page. Without JavaScript the form posts to the action below;
// with it, the page also works without network (a service worker keeps it, the phone keeps what is registered and
// sends it to POST /api/v1/signals when the network is back). Photos are checked and stored as a resident's are.
import { randomBytes } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { authorize } from '$core/access';
import { listResidents } from '$core/people';
import { placeChoices } from '$core/people';
import { MAX_IMAGE_BYTES } from '$core/files';
import { MAX_REPORT_PHOTOS, SIGNAL_KINDS, STAFF_CHANNELS } from '$core/signals/model';
import { listCategories, listRoutingRules, registerSignalWithPhotos } from '$core/signals';
import { messagesScript, pageMessages } from '$core/i18n/page-messages';
import { LAYOUT_MESSAGE_KEYS, LAYOUT_MESSAGE_NAMESPACES } from '$lib/server/layout-messages';
import { formAction, pageLoad } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

// This page runs in the browser too: it must work offline on a phone, which a server-rendered form cannot.
export const csr = true;

export const load: PageServerLoad = pageLoad(async ({ locals, url }) => {
	const { db } = locals.core;
	const search = (url.searchParams.get('bewoner') ?? '').trim().slice(0, 100);
	authorize(locals.actor, 'create', 'signal');
	const [categories, places, rules, residents] = await Promise.all([
		listCategories(db, { activeOnly: true }),
		placeChoices(db, locals.actor, { inReach: true }),
		listRoutingRules(db, locals.actor),
		search ? listResidents(db, locals.actor, { q: search, pageSize: 25 }) : Promise.resolve(null)
	]);
	// Who a help request may go to: the organisations the routing rules send help requests to. The worker's own
	// organisation needs no consent (the request stays there without it), so it is not named.
	const own = locals.actor.kind === 'staff' ? locals.actor.organisationId : null;
	const helpPartners = [...new Set(rules.filter((r) => r.kind === 'help' && r.organisation_id !== own).map((r) => r.organisation_name))].sort();
	// The translations the page uses in the browser (written before </head> by the hooks), as on the survey tablet.
	locals.pageMessages = messagesScript(
		pageMessages(locals.locale, {
			namespaces: [...LAYOUT_MESSAGE_NAMESPACES, 'errors', 'inbox', 'signal_offline'],
			// The consent's contact fields borrow the resident record's words.
			keys: [...LAYOUT_MESSAGE_KEYS, 'people.phone', 'people.email', 'people.contact_for_purpose_hint']
		})
	);
	return {
		search,
		residents: residents?.items.map((r) => ({ id: r.id, name: `${r.lastName}, ${r.firstName}`, estateName: r.estateName })) ?? null,
		residentTotal: residents?.total ?? 0,
		categories: categories.map((c) => ({ id: c.id, name: c.name, nameFr: c.name_fr, nameEn: c.name_en, kind: c.kind })),
		estates: places.estates.map((e) => ({ id: e.id, name: e.name, areaName: e.areaName })),
		areas: places.areas,
		kinds: SIGNAL_KINDS,
		channels: STAFF_CHANNELS,
		helpPartners,
		photoLimits: { max: MAX_REPORT_PHOTOS, maxMb: MAX_IMAGE_BYTES / 1024 / 1024 },
		// One token per form: posting the same form twice (a double tap, a retry) stores one signal.
		formToken: randomBytes(16).toString('base64url')
	};
});

const chosenPhotos = (data: FormData) => data.getAll('photos').filter((f): f is File => typeof f !== 'string' && f.size > 0);

export const actions: Actions = {
	default: formAction(
		async ({ locals }, values, data) => {
			const files = chosenPhotos(data);
			const fields = { ...values, formToken: undefined, categoryId: values.categoryId || undefined };
			const photos = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
			const post = { fields, photos, formToken: typeof values.formToken === 'string' ? values.formToken : undefined };
			const { id } = await registerSignalWithPhotos(locals.core.db, locals.core.files, locals.actor, post, { baseUrl: locals.core.config.origin });
			redirect(303, `/staff/signals/${id}?klaar=created`);
		},
		{
			// Every field typed comes back, the form token too: the retry is the same signal.
			values: (form) => form,
			// A page cannot give a file input its files back: the form says how many to choose again.
			shape: (failure, _form, data) => {
				const chosen = chosenPhotos(data).length;
				return chosen > 0 ? { ...failure, photosChosen: chosen } : failure;
			}
		}
	)
};
