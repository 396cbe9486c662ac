import type { VueWrapper } from '@vue/test-utils';
import { NSelect } from 'naive-ui';
import { flush } from '@/test-support/mount-desk';

/** Helpers for the settings component tests: dialogs are teleported to <body>, so these work on the document. */
export const settle = async () => {
  for (let i = 0; i < 6; i++) await flush();
};

export function el<T extends Element = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export async function fill(selector: string, value: string): Promise<void> {
  const input = el<HTMLInputElement>(selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}

export async function click(selector: string): Promise<void> {
  el(selector).click();
  await settle();
}

export async function submit(selector: string): Promise<void> {
  el(selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
}

/** Picks a value in the Naive UI select whose root carries `data-testid` (or another attribute selector). */
export async function choose(wrapper: VueWrapper, selector: string, value: unknown): Promise<void> {
  const select = wrapper
    .findAllComponents(NSelect)
    .find((s) => (s.element as Element | null)?.matches?.(selector) || s.find(selector).exists());
  if (!select) throw new Error(`No select matches ${selector}`);
  select.vm.$emit('update:value', value);
  await settle();
}

export const text = (selector: string) => el(selector).textContent ?? '';
