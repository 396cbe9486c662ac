import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/api-client';
import { authApi } from '@/api/auth-api';
import { ApiError } from '@/api/api-error';
import type { Locale, User } from '@/api/types';
import { applyLocale, rememberLocale, rememberedLocale } from '@/i18n';

const TOKEN_KEY = 'crm.session';
type StoredSession = { token: string; expiresAt: string };

/** Who is signed in: the bearer token (kept on this device), the user's profile and their UI language. */
export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(null);
  const user = ref<User | null>(null);
  const restored = ref(false);
  const expiredNotice = ref(false);
  let restoring: Promise<void> | null = null;

  const isAuthenticated = computed(() => !!token.value && !!user.value);
  const can = (permission: string) => !!user.value?.permissions.includes(permission);

  api.configure({ getToken: () => token.value, onUnauthorized: () => expire() });

  async function login(email: string, password: string): Promise<void> {
    const result = await authApi.login(email, password);
    token.value = result.token;
    user.value = result.user;
    expiredNotice.value = false;
    storage()?.setItem(
      TOKEN_KEY,
      JSON.stringify({ token: result.token, expiresAt: result.expiresAt } satisfies StoredSession),
    );
    await applyLocale(rememberedLocale(result.user.id, result.user.locale));
  }

  /** On start: reuse the stored token if the server still accepts it. Runs once; later calls await the same work. */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      const stored = readStored();
      if (stored) {
        token.value = stored.token;
        try {
          user.value = await authApi.me();
          await applyLocale(rememberedLocale(user.value.id, user.value.locale));
        } catch (error) {
          if (!(error instanceof ApiError) || error.status === 401) clear();
          else user.value = null;
        }
      }
      restored.value = true;
    })();
    return restoring;
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await authApi.logout();
    } catch {
      // Signing out locally is what matters; the server session expires on its own.
    }
    clear();
  }

  /** Applies the language at once and remembers it on this device and in the profile (a failed save changes nothing here). */
  async function setLocale(locale: Locale): Promise<void> {
    rememberLocale(user.value?.id ?? null, locale);
    await applyLocale(locale);
    if (!token.value || !user.value || user.value.locale === locale) return;
    try {
      const saved = await authApi.updateProfile({ locale });
      if (user.value) user.value = { ...user.value, locale: saved.locale ?? locale };
    } catch {
      // The device remembers the choice; the profile is updated the next time the language is changed.
    }
  }

  function expire(): void {
    if (!token.value) return;
    clear();
    expiredNotice.value = true;
  }

  function clear(): void {
    token.value = null;
    user.value = null;
    storage()?.removeItem(TOKEN_KEY);
  }

  return { token, user, restored, expiredNotice, isAuthenticated, can, login, restore, logout, setLocale, expire };
});

function readStored(): StoredSession | null {
  try {
    const parsed = JSON.parse(storage()?.getItem(TOKEN_KEY) ?? 'null') as StoredSession | null;
    if (!parsed?.token) return null;
    if (parsed.expiresAt && new Date(parsed.expiresAt).getTime() < Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
