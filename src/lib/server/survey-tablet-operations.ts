// The tablet's two /api/v1 operations (door-to-door surveys), described for the OpenAPI document with the schemas
// core validates with.
import { z } from 'zod';
import { describeOperation } from './openapi';
import { structure } from '$core/surveys/model';
import { tabletAnswerSet } from '$core/surveys';

const wording = z
	.record(z.string(), z.object({ text: z.string(), easy: z.string().optional() }))
	.meta({ description: 'A text per language (nl always), each with an optional easy-read variant' });

describeOperation({
	method: 'get',
	path: '/surveys/{id}/tablet',
	summary: "A survey as a worker's tablet keeps it for answering door to door (the organisation that runs it)",
	tags: ['surveys'],
	auth: true,
	response: z.object({
		survey: z.object({
			id: z.string(),
			title: wording,
			intro: wording.nullable(),
			consent: wording,
			status: z.enum(['draft', 'open', 'closed']),
			tabletMode: z.boolean(),
			isOpen: z.boolean(),
			wave: z.object({ id: z.string(), number: z.number().int(), closesAt: z.string().nullable() }).nullable(),
			version: z.object({ id: z.string(), number: z.number().int(), structure }),
			estates: z.array(z.object({ id: z.string(), name: z.string() })),
			languages: z.array(z.string()),
			loadedAt: z.string()
		})
	}),
	responseDescription: 'The current version of the questions, the open wave, the estates a worker can pick and the languages with every text',
	errors: [401, 403, 404]
});

describeOperation({
	method: 'post',
	path: '/surveys/{id}/answer-sets',
	summary:
		'One answer set taken on the tablet (channel tablet, the worker recorded). Idempotent by submissionId: 201 the first time, 200 with replayed: true after; the same submissionId with other answers, estate or language is a 422 problem (code idempotency_key_reused)',
	tags: ['surveys'],
	auth: true,
	body: tabletAnswerSet,
	response: z.object({
		submissionId: z.string(),
		responseId: z.string(),
		replayed: z.boolean(),
		channel: z.literal('tablet'),
		waveId: z.string(),
		estateId: z.string().nullable()
	}),
	responseDescription: 'The answer set is stored (or was stored before with this submissionId)',
	errors: [400, 401, 403, 404, 422]
});
