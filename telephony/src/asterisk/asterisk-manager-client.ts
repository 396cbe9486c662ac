import { createRequire } from 'node:module';
import type { AmiEvent } from './ami-event.js';

/** The part of asterisk-manager's connection object this package uses (the package ships no types). */
export type AsteriskManagerConnection = {
  on(event: 'managerevent', listener: (event: AmiEvent) => void): void;
  on(event: 'close' | 'connect' | 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeAllListeners(): void;
  connect(port: number, host: string, onConnected?: () => void): void;
  login(callback: (error?: AmiEvent) => void): void;
  /** Sends an action; the callback gets the error response (Response: Error) or the response. */
  action(
    action: Record<string, string | number | Record<string, string> | undefined>,
    callback: (error: AmiEvent | undefined, response: AmiEvent | undefined) => void,
  ): string;
  disconnect(callback?: () => void): void;
  isConnected(): boolean;
};

type AsteriskManagerFactory = (
  port: number | undefined,
  host: string,
  username: string,
  password: string,
  events: boolean,
) => AsteriskManagerConnection;

const require = createRequire(import.meta.url);
const createAsteriskManager = require('asterisk-manager') as AsteriskManagerFactory;

/** A not-yet-connected asterisk-manager client with events on; call `connect` then `login`. */
export function newAsteriskManagerConnection(
  host: string,
  username: string,
  secret: string,
): AsteriskManagerConnection {
  return createAsteriskManager(undefined, host, username, secret, true);
}
