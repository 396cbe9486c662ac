import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import type { ConversationMessage } from '@/api/types';
import { flush, mountDesk } from '@/test-support/mount-desk';
import MessageBubble from './MessageBubble.vue';
import ReplyComposer from './ReplyComposer.vue';

function type(value: string) {
  const input = document.querySelector<HTMLTextAreaElement>('#reply-text')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  return input;
}

describe('ReplyComposer', () => {
  it('sends the text on Enter, keeps Shift+Enter for a new line and reports typing', async () => {
    const send = vi.fn(async () => undefined);
    const { wrapper } = mountDesk(ReplyComposer, { props: { upload: vi.fn(), send } });
    const input = type('Bună ziua, revin cu lista de documente');
    await flush();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(send).not.toHaveBeenCalled();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush();
    expect(send).toHaveBeenCalledWith({ text: 'Bună ziua, revin cu lista de documente' });
    await flush();
    expect(input.value).toBe('');
    const composer = wrapper.findComponent(ReplyComposer);
    expect(composer.emitted('typing')).toEqual([[true], [false]]);
    expect(composer.emitted('sent')).toHaveLength(1);
    wrapper.unmount();
  });

  it('uploads picked files first and sends them as attachments; refuses files over 25 MB', async () => {
    const uploaded = {
      storageKey: 'outbound/2026-03/abc',
      fileName: 'cerere.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1200,
      kind: 'file',
    };
    const upload = vi.fn(async () => uploaded);
    const send = vi.fn(async () => undefined);
    const { wrapper } = mountDesk(ReplyComposer, { props: { upload, send } });
    const fileInput = document.querySelector<HTMLInputElement>('[data-testid="reply-file"]')!;
    const pdf = new File(['%PDF-1.4'], 'cerere.pdf', { type: 'application/pdf' });
    const huge = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(huge, 'size', { value: 26 * 1024 * 1024 });
    Object.defineProperty(fileInput, 'files', { value: [pdf, huge], configurable: true });
    fileInput.dispatchEvent(new Event('change'));
    for (let i = 0; i < 4; i++) await flush();
    expect(upload).toHaveBeenCalledTimes(1);
    expect(document.body.textContent).toContain('video.mp4 depășește 25 MB.');
    expect(document.querySelector('.file[data-uploaded="true"]')?.textContent).toContain('cerere.pdf');
    document
      .querySelector<HTMLFormElement>('[data-testid="reply-composer"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(send).toHaveBeenCalledWith({ attachments: [uploaded] });
    wrapper.unmount();
  });

  it('shows the server’s reason when the reply is refused and keeps the text', async () => {
    const send = vi.fn(async () => {
      throw new ApiError(422, 'validation_failed', 'Invalid', { text: 'Write a message or attach a file.' });
    });
    const { wrapper } = mountDesk(ReplyComposer, { props: { upload: vi.fn(), send } });
    const input = type('  x ');
    await flush();
    document
      .querySelector<HTMLFormElement>('[data-testid="reply-composer"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    for (let i = 0; i < 3; i++) await flush();
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Write a message or attach a file.');
    expect(input.value).toBe('  x ');
    wrapper.unmount();
  });

  it('is disabled with a hint in a closed conversation', async () => {
    const send = vi.fn();
    const { wrapper } = mountDesk(ReplyComposer, { props: { upload: vi.fn(), send, disabled: true } });
    expect(document.body.textContent).toContain('Conversația este închisă');
    expect(document.querySelector<HTMLButtonElement>('[data-testid="reply-send"]')!.disabled).toBe(true);
    wrapper.unmount();
  });
});

describe('MessageBubble', () => {
  const base: ConversationMessage = {
    id: 'm1',
    conversationId: 'c1',
    direction: 'out',
    text: 'Salut',
    attachments: [],
    status: 'read',
    createdAt: '2026-03-01T10:00:00Z',
  };

  it('shows the delivery state of our messages and a seekable player for a voice note', async () => {
    const { wrapper } = mountDesk(MessageBubble, {
      props: {
        message: {
          ...base,
          direction: 'in',
          status: 'received',
          attachments: [{ kind: 'voice', mimeType: 'audio/ogg', downloadUrl: '/api/messages/m1/attachments/0' }],
        },
      },
    });
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="message-audio"]')!;
    expect(audio.getAttribute('src')).toBe('/api/messages/m1/attachments/0');
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(document.querySelector('.ticks')).toBeNull();
    wrapper.unmount();

    mountDesk(MessageBubble, { props: { message: base } });
    expect(document.querySelector('.ticks')?.getAttribute('aria-label')).toBe('Citit');
  });

  it('shows why a message failed', () => {
    mountDesk(MessageBubble, {
      props: { message: { ...base, status: 'failed', error: 'The recipient blocked the bot.' } },
    });
    expect(document.querySelector('.ticks')?.getAttribute('data-status')).toBe('failed');
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('The recipient blocked the bot.');
  });
});
