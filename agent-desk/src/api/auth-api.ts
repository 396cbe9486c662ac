import { api } from './api-client';
import type { Department, Locale, LoginResult, User } from './types';

export const authApi = {
  login(email: string, password: string): Promise<LoginResult> {
    return api.post<LoginResult>('/auth/login', { email, password });
  },
  me(): Promise<User> {
    return api.get<User>('/auth/me');
  },
  /** My profile settings (PATCH /auth/me): the interface language follows me to every device. */
  updateProfile(patch: { locale?: Locale }): Promise<User> {
    return api.patch<User>('/auth/me', patch);
  },
  logout(): Promise<void> {
    return api.post<void>('/auth/logout');
  },
  users(): Promise<User[]> {
    return api.get<User[]>('/users');
  },
  departments(): Promise<Department[]> {
    return api.get<Department[]>('/departments');
  },
};
