import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import { useCallsStore } from '@/stores/calls';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import ScreenPop from './ScreenPop.vue';

const known = {
  callId: 'call-1',
  from: '+37369123456',
  did: '022 000 111',
  contact: {
    id: 'c1',
    displayName: 'Ion Rusu',
    locality: 'Orhei',
    activityType: 'Apicultură',
    companyName: 'Miere Bună SRL',
    phones: ['+37369123456'],
  },
  openCards: [{ id: 'card-1', title: 'Grant PARE 1+1', stageName: 'Documente', pipelineName: 'Granturi' }],
  lastInteractions: [{ kind: 'note', at: '2026-01-10T10:00:00Z', summary: { body: 'A cerut lista de documente' } }],
  lastConsultant: { id: 'u2', fullName: 'Ana Popescu' },
};

async function ring(payload: unknown) {
  const mounted = mountDesk(ScreenPop);
  useCallsStore().ringing(payload);
  for (let i = 0; i < 4; i++) await flush();
  return mounted;
}

describe('ScreenPop', () => {
  it('shows a known caller with their file, open cards and the in-call actions', async () => {
    api.configure({
      fetch: fakeFetch({
        'GET /api/instruments': { body: [] },
        'GET /api/cards/card-1': { body: { id: 'card-1', instruments: [] } },
      }).fetch,
    });
    const { wrapper } = await ring(known);
    const text = document.body.textContent ?? '';
    expect(document.querySelector('[data-testid="known-caller"]')).not.toBeNull();
    expect(text).toContain('Ion Rusu');
    expect(text).toContain('Orhei');
    expect(text).toContain('Miere Bună SRL');
    expect(text).toContain('Grant PARE 1+1');
    expect(text).toContain('Ana Popescu');
    expect(text).toContain('A cerut lista de documente');
    expect(text).toContain('+373 69 123 456');
    expect(document.querySelector('[data-testid="in-call-actions"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="unknown-caller"]')).toBeNull();
    wrapper.unmount();
  });

  it('shows "Număr necunoscut" and creates a new beneficiary pre-filled with the number', async () => {
    const { fetch, calls: requests } = fakeFetch({
      'POST /api/contacts': {
        status: 201,
        body: {
          id: 'new-1',
          displayName: 'Maria Ceban',
          locality: 'Bălți',
          phones: [{ e164: '+37360000001', isPrimary: true }],
        },
      },
      'GET /api/instruments': { body: [] },
    });
    api.configure({ fetch });
    const { wrapper } = await ring({ callId: 'call-2', from: '+37360000001' });
    expect(document.body.textContent).toContain('Număr necunoscut');
    const button = document.querySelector<HTMLButtonElement>('[data-testid="new-beneficiary"]')!;
    expect(button.textContent).toContain('Beneficiar nou');
    button.click();
    await flush();
    const phone = document.querySelector<HTMLInputElement>('#nb-phone')!;
    expect(phone.value).toBe('+37360000001');
    const first = document.querySelector<HTMLInputElement>('#nb-first')!;
    first.value = 'Maria';
    first.dispatchEvent(new Event('input'));
    const last = document.querySelector<HTMLInputElement>('#nb-last')!;
    last.value = 'Ceban';
    last.dispatchEvent(new Event('input'));
    document
      .querySelector<HTMLFormElement>('[data-testid="new-beneficiary-form"]')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    for (let i = 0; i < 6; i++) await flush();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ firstName: 'Maria', lastName: 'Ceban', phones: ['+37360000001'] });
    expect(document.querySelector('[data-testid="known-caller"]')?.textContent).toContain('Maria Ceban');
    expect(useCallsStore().current?.contact?.id).toBe('new-1');
    wrapper.unmount();
  });

  it('closes when the call ends', async () => {
    api.configure({ fetch: fakeFetch({}).fetch });
    const { wrapper } = await ring({ callId: 'call-3', from: '+37379999999' });
    expect(useCallsStore().popOpen).toBe(true);
    useCallsStore().ended({ callId: 'other-call' });
    expect(useCallsStore().popOpen).toBe(true);
    useCallsStore().ended({ callId: 'call-3' });
    expect(useCallsStore().popOpen).toBe(false);
    expect(useCallsStore().current).toBeNull();
    wrapper.unmount();
  });
});
