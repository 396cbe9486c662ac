export type ListenerErrorHandler = (error: unknown) => void;

/** Fan-out of one event type to registered listeners; a throwing listener does not stop the others. */
export class ListenerList<TEvent> {
  private readonly listeners: Array<(event: TEvent) => void> = [];

  constructor(private readonly onListenerError: ListenerErrorHandler = reportListenerError) {}

  add(listener: (event: TEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(event: TEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

function reportListenerError(error: unknown): void {
  console.error('telephony event listener failed', error);
}
