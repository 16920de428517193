// A single text field of an admin form (the rest of the form is parsed by core). Failures are shaped by formAction
// (src/lib/server/handlers.ts): its `scope` option says next to which form of the page a failure shows.
export const field = (form: Record<string, unknown>, name: string): string => (typeof form[name] === 'string' ? (form[name] as string) : '');
