import type { Core } from '$core/app';
import type { Actor } from '$core/access';
import type { Locale } from '$core/i18n';

declare global {
	namespace App {
		interface Locals {
			core: Core;
			actor: Actor;
			sessionId: string | null;
			locale: Locale;
			textSize: 'normal' | 'large' | 'largest';
			requestId: string;
			sessionExpired?: boolean;
			/** The translations a page that runs in the browser needs (a JSON script element), written before </head>. */
			pageMessages?: string;
			/** Set by readForm when the posted body was no readable form, so hooks.server.ts answers API clients in kind. */
			badBody?: boolean;
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}
export {};
