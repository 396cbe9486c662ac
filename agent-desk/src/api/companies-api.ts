import { api, asList, orFallback } from './api-client';

export type CompanyOption = { id: string; name: string; idno?: string | null };

/** Companies, as far as the contact form needs them: search by name or IDNO. */
export const companiesApi = {
  async search(q: string, signal?: AbortSignal): Promise<CompanyOption[]> {
    return asList<CompanyOption>(
      await orFallback(api.get<unknown>('/companies', { query: { q, limit: 20 }, signal }), []),
    );
  },
  get(id: string): Promise<CompanyOption> {
    return api.get<CompanyOption>(`/companies/${encodeURIComponent(id)}`);
  },
};
