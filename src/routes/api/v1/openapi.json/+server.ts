import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi';
import '$lib/server/api-operations';
import '$lib/server/survey-tablet-operations';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => json(openApiDocument(`${url.origin}/api/v1`));
