// The one entry point for renderer requests in both shells: check the name, parse the
// payload, call the core, and turn any outcome into an IpcResult. It never throws.
import { requestNames, type IpcResult, type MessengerRequests, type RequestName } from '../../ipc/contract.js';
import { toFailure } from '../failure.js';
import { requestSchemas } from './request-schemas.js';

export type Dispatch = (name: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

export function createDispatch(core: MessengerRequests): Dispatch {
  return async (name, payload) => {
    if (typeof name !== 'string' || !(requestNames as readonly string[]).includes(name)) {
      return { ok: false, error: { code: 'bad_request', message: `Unknown request "${String(name).slice(0, 40)}".` } };
    }
    const parsed = requestSchemas[name as RequestName].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        error: { code: 'bad_request', message: `Invalid ${name} request: ${where}${issue?.message}.` },
      };
    }
    try {
      const call = (core[name as RequestName] as (input: unknown) => Promise<unknown>).bind(core);
      const value = await call(parsed.data);
      return { ok: true, value: value ?? null };
    } catch (error) {
      return { ok: false, error: toFailure(error) };
    }
  };
}
