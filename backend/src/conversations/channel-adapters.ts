import { Injectable } from '@nestjs/common';
import { createChannelAdapter, isChannelProviderName, type ChannelAdapter } from '@consult-crm/integrations';
import type { ChannelAccountRow } from './conversations.schema.js';

export type LocalAdapterFactory = (config: Record<string, unknown>, account: ChannelAccountRow) => ChannelAdapter;

/**
 * Builds the ChannelAdapter of a channel account from its (decrypted) config: provider adapters from
 * @consult-crm/integrations, plus adapters the backend itself provides (the web chat). One instance per account
 * version, so SDK clients are reused.
 */
@Injectable()
export class ChannelAdapters {
  private readonly local = new Map<string, LocalAdapterFactory>();
  private readonly cache = new Map<string, { version: number; adapter: ChannelAdapter }>();

  registerLocal(provider: string, factory: LocalAdapterFactory): void {
    this.local.set(provider, factory);
  }

  isKnownProvider(provider: string): boolean {
    return this.local.has(provider) || isChannelProviderName(provider);
  }

  /** The channel a provider's config stands for (Twilio: sms/whatsapp, Meta: messenger/instagram). */
  channelOf(provider: string, config: Record<string, unknown>): string | undefined {
    if (typeof config.channel === 'string') return config.channel;
    if (provider === 'telegram' || provider === 'viber' || provider === 'webchat') return provider;
    try {
      return isChannelProviderName(provider) ? createChannelAdapter(provider, config as never).channel : undefined;
    } catch {
      return undefined;
    }
  }

  adapterFor(account: ChannelAccountRow, config: () => Record<string, unknown>): ChannelAdapter {
    const version = account.updatedAt.getTime();
    const cached = this.cache.get(account.id);
    if (cached?.version === version) return cached.adapter;
    const local = this.local.get(account.provider);
    const adapter = local
      ? local(config(), account)
      : isChannelProviderName(account.provider)
        ? createChannelAdapter(account.provider, config() as never)
        : undefined;
    if (!adapter) throw new Error(`No adapter for provider "${account.provider}"`);
    this.cache.set(account.id, { version, adapter });
    return adapter;
  }
}
