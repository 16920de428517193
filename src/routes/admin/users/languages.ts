// Languages a staff member can get their mails and pages in, each named in its own language.
export const LANGUAGE_NAMES: Record<string, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };
