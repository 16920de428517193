import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi';
import '$lib/server/api-operations';
import '$lib/server/open311-operations';
import '$lib/server/survey-tablet-operations';
import type { RequestHandler } from './$types';

// The server address in the document comes from ORIGIN, never from the request's Host.
export const GET: RequestHandler = async ({ locals }) => json(openApiDocument(`${locals.core.config.origin}/api/v1`));
