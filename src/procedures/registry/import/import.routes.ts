import type { App } from '../../../platform/http/app.js';
import type { AppDeps } from '../../../platform/http/deps.js';

// Placeholder until this module's routes land; replaced by its owner.
export function importRoutes(_app: App, _deps: AppDeps): void {}
