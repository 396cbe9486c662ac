import { api } from '../api-client';

/** One opening interval; weekday is ISO (1 = Monday … 7 = Sunday), times "HH:MM" in the centre's time zone. */
export type OpeningInterval = { weekday: number; opensAt: string; closesAt: string };
export type Holiday = { day: string; name: string };
export type WorkingHoursView = { timeZone: string; intervals: OpeningInterval[]; holidays: Holiday[] };

export const workingHoursSettingsApi = {
  get: () => api.get<WorkingHoursView>('/working-hours'),
  replaceWeek: (input: { timeZone: string; intervals: OpeningInterval[] }) =>
    api.put<WorkingHoursView>('/working-hours', input),
  addHoliday: (holiday: Holiday) => api.post<WorkingHoursView>('/working-hours/holidays', holiday),
  removeHoliday: (day: string) => api.delete<WorkingHoursView>(`/working-hours/holidays/${encodeURIComponent(day)}`),
};
