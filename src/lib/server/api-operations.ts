// Every /api/v1 operation, described once for the OpenAPI document (the handlers validate with the same schemas).
import { z } from 'zod';
import { describeOperation } from './openapi';

describeOperation({
	method: 'get',
	path: '/openapi.json',
	summary: 'This document',
	tags: ['meta'],
	response: z.record(z.string(), z.unknown()),
	responseDescription: 'The OpenAPI 3.1 document',
	errors: []
});
