import type { Dispatch, Locale } from '../../../chat/types.js';
import type { Logger } from '../../../core/logger.js';
import type { RetryPolicy } from '../delivery.js';

/** What every listener needs; built once by the adapter. */
export interface ListenerDeps {
  dispatch: Dispatch;
  log: Logger;
  defaultLocale: Locale;
  retry: RetryPolicy;
}
