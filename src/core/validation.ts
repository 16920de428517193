// The edge of core: every service parses its input here, so errors carry field paths and stable codes.
import type { z } from 'zod';
import { Invalid } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	// reportInput lets Invalid.fromZod tell a missing field ("required") from a wrong one.
	const result = schema.safeParse(input, { reportInput: true });
	if (!result.success) throw Invalid.fromZod(result.error);
	return result.data;
}
