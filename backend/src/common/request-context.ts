import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/** What every log line and audit event of one request needs: carried implicitly through async calls. */
export type RequestContext = { requestId: string; ip?: string; user?: AuthenticatedUser };

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  setUser(user: AuthenticatedUser): void {
    const store = storage.getStore();
    if (store) store.user = user;
  },
};
