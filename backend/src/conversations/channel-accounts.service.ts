import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChannelAdapter } from '@consult-crm/integrations';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation } from '../database/postgres-errors.js';
import { ChannelAccountsRepository } from './channel-accounts.repository.js';
import type { CreateChannelAccountDto, UpdateChannelAccountDto } from './channel-accounts.dto.js';
import { ChannelAdapters } from './channel-adapters.js';
import type { ChannelAccountRow } from './conversations.schema.js';
import { SecretBox } from './secret-box.js';

const SECRET_KEY_PATTERN = /token|secret|password|pass$|apikey|api_key|privatekey/i;
const MASK = '********';
const TOKEN_CACHE_MS = 10_000;

/** What the API shows of an account: secrets masked, the webhook URL to paste into the provider's settings. */
export type ChannelAccountView = Omit<ChannelAccountRow, 'config'> & {
  config: Record<string, unknown>;
  webhookPath: string;
};

@Injectable()
export class ChannelAccountsService {
  private readonly box: SecretBox;
  private readonly byToken = new Map<string, { at: number; row: ChannelAccountRow | undefined }>();

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ChannelAccountsRepository,
    private readonly adapters: ChannelAdapters,
    private readonly audit: AuditService,
  ) {
    this.box = SecretBox.fromConfig(config.messaging.secretsKey, config.database.dataDir);
  }

  async list(): Promise<ChannelAccountView[]> {
    return (await this.repository.list()).map((r) => this.view(r));
  }

  async senders(): Promise<Pick<ChannelAccountRow, 'id' | 'name' | 'channel' | 'provider' | 'active'>[]> {
    return (await this.repository.list())
      .filter((r) => r.active)
      .map(({ id, name, channel, provider, active }) => ({ id, name, channel, provider, active }));
  }

  async get(id: string): Promise<ChannelAccountRow> {
    const row = await this.repository.findById(id);
    if (!row) throw ApiError.notFound('Channel account', id);
    return row;
  }

  async getView(id: string): Promise<ChannelAccountView> {
    return this.view(await this.get(id));
  }

  async create(dto: CreateChannelAccountDto): Promise<ChannelAccountView> {
    if (!this.adapters.isKnownProvider(dto.provider))
      throw ApiError.validation({ provider: `Unknown provider "${dto.provider}".` });
    const channel = dto.channel ?? this.adapters.channelOf(dto.provider, dto.config);
    if (!channel)
      throw ApiError.validation({ channel: 'Say which channel this account is (for example sms or whatsapp).' });
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.repository.insert(tx, {
          ...dto,
          channel,
          config: this.box.seal(dto.config),
          webhookToken: newWebhookToken(),
        });
        this.checkAdapter(row);
        const view = this.view(row);
        await this.audit.record({ action: 'create', entityType: 'channel_account', entityId: row.id, after: view }, tx);
        return view;
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw ApiError.validation({ departmentId: 'No such department or user.' });
      throw error;
    }
  }

  async update(id: string, dto: UpdateChannelAccountDto): Promise<ChannelAccountView> {
    const { rotateWebhookToken, config, ...fields } = dto;
    const view = await this.db.transaction(async (tx) => {
      const before = await this.repository.findById(id, tx);
      if (!before) throw ApiError.notFound('Channel account', id);
      const merged = config ? mergeConfig(this.configOf(before), config) : undefined;
      const row = await this.repository.update(tx, id, {
        ...fields,
        ...(merged ? { config: this.box.seal(merged) } : {}),
        ...(rotateWebhookToken ? { webhookToken: newWebhookToken() } : {}),
      });
      this.checkAdapter(row);
      const after = this.view(row);
      await this.audit.record(
        { action: 'update', entityType: 'channel_account', entityId: id, before: this.view(before), after },
        tx,
      );
      return after;
    });
    this.byToken.clear();
    return view;
  }

  /** The account a webhook URL points at (cached briefly: webhooks are the hot path). */
  async byWebhookToken(token: string): Promise<ChannelAccountRow | undefined> {
    const cached = this.byToken.get(token);
    if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.row;
    const row = await this.repository.findByWebhookToken(token);
    if (this.byToken.size > 1000) this.byToken.clear();
    this.byToken.set(token, { at: Date.now(), row });
    return row;
  }

  firstActiveOfProvider(provider: string): Promise<ChannelAccountRow | undefined> {
    return this.repository.findActiveByProvider(provider);
  }

  /** A signing key derived from SECRETS_KEY for `label`. */
  derivedKey(label: string): Buffer {
    return this.box.derive(label);
  }

  configOf(account: ChannelAccountRow): Record<string, unknown> {
    return this.box.open<Record<string, unknown>>(account.config);
  }

  adapterOf(account: ChannelAccountRow): ChannelAdapter {
    return this.adapters.adapterFor(account, () => this.adapterConfigOf(account));
  }

  /**
   * The SMS router learns its own webhook URL (with PUBLIC_URL) so its providers report delivery there
   * (`?provider=<name>`); it is not stored with the account.
   */
  private adapterConfigOf(account: ChannelAccountRow): Record<string, unknown> {
    const config = this.configOf(account);
    const base = this.config.http.publicUrl?.replace(/\/+$/, '');
    if (account.provider !== 'sms-router' || !base || config.statusCallbackUrl) return config;
    return { ...config, statusCallbackUrl: `${base}/api/webhooks/${account.channel}/${account.webhookToken}` };
  }

  private checkAdapter(row: ChannelAccountRow): void {
    try {
      this.adapterOf(row);
    } catch (error) {
      throw ApiError.validation({ config: `The provider settings are incomplete: ${(error as Error).message}` });
    }
  }

  private view(row: ChannelAccountRow): ChannelAccountView {
    const config = maskSecrets(this.configOf(row)) as Record<string, unknown>;
    return { ...row, config, webhookPath: `/api/webhooks/${row.channel}/${row.webhookToken}` };
  }
}

/** Secret-looking keys are masked at any depth (the SMS router keeps a list of providers with their credentials). */
function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  return SECRET_KEY_PATTERN.test(key) && value ? MASK : value;
}

/** Masked values sent back unchanged keep the stored secret (also inside nested objects and lists). */
function mergeConfig(current: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) if (value !== MASK) merged[key] = mergeValue(current[key], value);
  return merged;
}

function mergeValue(current: unknown, update: unknown): unknown {
  if (update === MASK) return current;
  if (isPlainObject(current) && isPlainObject(update)) return mergeConfig(current, update);
  if (Array.isArray(current) && Array.isArray(update))
    return update.map((item, index) => mergeValue(current[index], item));
  return update;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function newWebhookToken(): string {
  return randomBytes(18).toString('base64url');
}
