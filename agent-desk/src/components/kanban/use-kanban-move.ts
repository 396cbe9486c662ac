import { ref, type Ref } from 'vue';
import { ApiError, type FieldErrors } from '@/api/api-error';
import { cardsApi } from '@/api/pipelines-api';
import type { ConsultationCard } from '@/api/types';

/** Why a card could not enter a stage: the server's message and its per-field reasons (422 required_fields_missing). */
export type MoveRefusal = { stageId: string; message: string; fields: FieldErrors };

/**
 * Moving cards on the board: the card jumps at once (optimistic); if the server refuses, it goes back and the
 * refusal is kept per card so the card (and the fill-in dialog) can show the missing fields inline.
 */
export function useKanbanMove(cards: Ref<ConsultationCard[]>) {
  const refusals = ref<Record<string, MoveRefusal>>({});
  const pending = ref<Record<string, boolean>>({});

  async function move(cardId: string, stageId: string, fields?: Record<string, unknown>): Promise<boolean> {
    const index = cards.value.findIndex((c) => c.id === cardId);
    const card = cards.value[index];
    if (!card || (card.stageId === stageId && !fields)) return false;
    const previous = { ...card };
    cards.value.splice(index, 1, { ...card, stageId });
    pending.value = { ...pending.value, [cardId]: true };
    try {
      const saved = await cardsApi.moveToStage(cardId, stageId, fields);
      replace(cardId, { ...previous, ...(saved ?? {}), stageId });
      clearRefusal(cardId);
      return true;
    } catch (error) {
      replace(cardId, previous);
      refusals.value = {
        ...refusals.value,
        [cardId]: {
          stageId,
          message: error instanceof Error ? error.message : String(error),
          fields: error instanceof ApiError ? error.fields : {},
        },
      };
      if (!(error instanceof ApiError)) throw error;
      return false;
    } finally {
      const { [cardId]: _done, ...rest } = pending.value;
      pending.value = rest;
    }
  }

  function replace(cardId: string, next: ConsultationCard) {
    const i = cards.value.findIndex((c) => c.id === cardId);
    if (i >= 0) cards.value.splice(i, 1, next);
  }

  function clearRefusal(cardId: string) {
    const { [cardId]: _gone, ...rest } = refusals.value;
    refusals.value = rest;
  }

  return { refusals, pending, move, clearRefusal };
}
