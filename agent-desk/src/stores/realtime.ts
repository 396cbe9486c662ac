import { defineStore } from 'pinia';
import type { Socket } from 'socket.io-client';
import { ref, shallowRef } from 'vue';

export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'disconnected';
type Handler = (payload: unknown) => void;

/**
 * The desk's live channel: one Socket.IO connection to the `/agent` namespace, opened after sign-in.
 * Other stores subscribe with `on(event, handler)`; `dispatch` feeds the same handlers (used by the e2e hook).
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const status = ref<RealtimeStatus>('idle');
  const socket = shallowRef<Socket | null>(null);
  const handlers = new Map<string, Set<Handler>>();

  async function connect(token: string): Promise<void> {
    disconnect();
    status.value = 'connecting';
    const { io } = await import('socket.io-client');
    const s = io('/agent', {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket', 'polling'],
      reconnectionDelayMax: 10_000,
    });
    socket.value = s;
    s.on('session:ready', () => (status.value = 'connected'));
    s.on('connect', () => (status.value = 'connected'));
    s.on('disconnect', () => (status.value = 'disconnected'));
    s.on('connect_error', () => (status.value = 'disconnected'));
    s.onAny((event: string, payload: unknown) => dispatch(event, payload));
  }

  function disconnect(): void {
    socket.value?.removeAllListeners();
    socket.value?.disconnect();
    socket.value = null;
    status.value = 'idle';
  }

  function on(event: string, handler: Handler): () => void {
    if (!handlers.has(event)) handlers.set(event, new Set());
    handlers.get(event)!.add(handler);
    return () => handlers.get(event)?.delete(handler);
  }

  function dispatch(event: string, payload: unknown): void {
    for (const handler of handlers.get(event) ?? []) handler(payload);
  }

  return { status, socket, connect, disconnect, on, dispatch };
});
