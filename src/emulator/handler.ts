// What an action handler receives and returns. Handlers are pure functions of the request and the
// scenario: transport, signatures, faults and error bodies are the server's business.

import type { CredentialStore } from './credentials.js';
import type { AccountData } from './data.js';
import type { Directory } from './directory.js';
import type { Params } from './params.js';
import type { EmulatorCredential } from './types.js';

export interface ApiRequest {
  action: string;
  /** HTTP method and raw path: ROA services (ACK) route on them and carry ids in the path. */
  method: string;
  path: string;
  params: Params;
  data: AccountData;
  caller: EmulatorCredential;
  /** Accepted keys; STS AssumeRole adds to them. */
  credentials: CredentialStore;
  /** The server's clock at the time of the request. */
  now: Date;
  /** The scenario's Resource Directory, when it declares one (management account only). */
  directory?: Directory;
}

/** Returns the response body without RequestId (the server adds it). Throws ApiError to fail. */
export type Handler = (req: ApiRequest) => Record<string, unknown>;

export type Handlers = Readonly<Record<string, Handler>>;
