import { defineApp, version as platformVersion } from 'zapier-platform-core';
import authentication from './authentication';
import creates from './creates';
import { addHighLevelHeaders, mapHighLevelErrors } from './lib/http/middleware';
import { HIGHLEVEL_THROTTLE } from './lib/http/throttle';
import { throughInputGate } from './lib/input';
import searches from './searches';
import triggers from './triggers';
import searchOrCreates from './searches/search_or_creates';

import { version } from './package.json';

/** The app: a table of contents. Each folder's barrel lists its operations. */
const App = defineApp({
  version,
  platformVersion,
  authentication,
  flags: {
    // Empty fields stay visible to the code, which drops them itself (line items keep their positions).
    cleanInputData: false,
    // Let lib/http/middleware.ts read HighLevel's rate-limit headers on a 429 (the platform only reads Retry-After).
    throwForThrottlingEarly: false,
  },
  throttle: HIGHLEVEL_THROTTLE,
  beforeRequest: [addHighLevelHeaders],
  afterResponse: [mapHighLevelErrors],
  // Every function of every operation behind the one input gate (lib/input.ts): a reader's refusal always reaches the
  // user as the Zapier error naming the field, whichever function read it.
  triggers: throughInputGate(triggers),
  creates: throughInputGate(creates),
  searches: throughInputGate(searches),
  searchOrCreates,
});

// The CommonJS wrapper Zapier generates requires this module and does not unwrap `.default`.
export = App;
