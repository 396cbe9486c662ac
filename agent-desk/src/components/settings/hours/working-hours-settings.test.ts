import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { WorkingHoursView } from '@/api/settings/working-hours-settings-api';
import WorkingHoursSettingsPage from '@/pages/settings/WorkingHoursSettingsPage.vue';
import { fakeFetch, mountDesk } from '@/test-support/mount-desk';
import { click, fill, settle, submit, text } from '../settings-test-kit';

const view = (over: Partial<WorkingHoursView> = {}): WorkingHoursView => ({
  timeZone: 'Europe/Chisinau',
  intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '17:00' })),
  holidays: [{ day: '2026-12-25', name: 'Crăciunul' }],
  ...over,
});

describe('Working hours settings', { timeout: 90_000 }, () => {
  it('shows the week, saves it as one list of intervals with the time zone', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/working-hours': { body: view() },
      'PUT /api/working-hours': (init) => ({ body: { ...view(), ...JSON.parse(String(init.body)) } }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(WorkingHoursSettingsPage);
    await settle();
    expect(wrapper.find('[data-weekday="1"]').text()).toContain('Luni');
    expect(wrapper.find('[data-weekday="7"]').text()).toContain('Liber');
    await fill('[data-closes="5-0"]', '15:00');
    await click('[data-add-slot="6"]');
    await fill('[data-opens="6-0"]', '09:00');
    await fill('[data-closes="6-0"]', '13:00');
    await submit('[data-testid="week-form"]');
    const body = calls.find((c) => c.method === 'PUT')?.body as { timeZone: string; intervals: unknown[] };
    expect(body.timeZone).toBe('Europe/Chisinau');
    expect(body.intervals).toEqual([
      { weekday: 1, opensAt: '08:00', closesAt: '17:00' },
      { weekday: 2, opensAt: '08:00', closesAt: '17:00' },
      { weekday: 3, opensAt: '08:00', closesAt: '17:00' },
      { weekday: 4, opensAt: '08:00', closesAt: '17:00' },
      { weekday: 5, opensAt: '08:00', closesAt: '15:00' },
      { weekday: 6, opensAt: '09:00', closesAt: '13:00' },
    ]);
    expect(wrapper.find('[data-weekday="6"]').text()).not.toContain('Liber');
  });

  it('puts the server’s interval error next to the interval it is about', async () => {
    const { fetch } = fakeFetch({
      'GET /api/working-hours': { body: view() },
      'PUT /api/working-hours': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Please correct these fields: intervals.2.',
          fields: { 'intervals.2': 'The closing time must be after the opening time.' },
        },
      },
    });
    api.configure({ fetch });
    mountDesk(WorkingHoursSettingsPage);
    await settle();
    await fill('[data-closes="3-0"]', '07:00');
    await submit('[data-testid="week-form"]');
    expect(text('[data-error="slot-3-0"]')).toBe('The closing time must be after the opening time.');
  });

  it('adds and removes holidays; a day already taken shows at the date', async () => {
    let posts = 0;
    const { fetch, calls } = fakeFetch({
      'GET /api/working-hours': { body: view() },
      'POST /api/working-hours/holidays': (init) =>
        posts++ === 0
          ? { status: 201, body: view({ holidays: [...view().holidays, JSON.parse(String(init.body))] }) }
          : { status: 409, body: { error: 'holiday_exists', message: '2026-12-31 is already a holiday.' } },
      'DELETE /api/working-hours/holidays/2026-12-25': { body: view({ holidays: [] }) },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(WorkingHoursSettingsPage);
    await settle();
    await fill('#holiday-day', '2026-12-31');
    await fill('#holiday-name', 'Revelion');
    await submit('[data-testid="holiday-form"]');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ day: '2026-12-31', name: 'Revelion' });
    expect(wrapper.find('[data-holiday="2026-12-31"]').text()).toContain('Revelion');
    await fill('#holiday-day', '2026-12-31');
    await fill('#holiday-name', 'Revelion');
    await submit('[data-testid="holiday-form"]');
    expect(text('[data-error="day"]')).toBe('2026-12-31 is already a holiday.');
    await wrapper.find('[data-holiday="2026-12-25"] button').trigger('click');
    await settle();
    expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/holidays/2026-12-25'))).toBe(true);
    expect(wrapper.find('[data-holiday="2026-12-25"]').exists()).toBe(false);
  });
});
