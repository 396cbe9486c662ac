import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { normalizePhoneNumber } from '../contacts/phone-number.js';
import { CrmBridge } from '../conversations/crm-bridge.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { issueLeadFormToken, verifyLeadFormToken } from './lead-form-token.js';
import { LeadRateLimiter } from './lead-rate-limiter.js';
import type { SubmitLeadDto } from './leads.dto.js';

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/**
 * Landing-page leads: spam checks (honeypot, minimum fill time, optional HMAC form token), a per-IP limit, then the
 * contact (found by phone/e-mail or created) and a card in the new-requests pipeline with the UTM tags, in one
 * transaction, plus a call-back task for the responsible consultant.
 */
@Injectable()
export class LeadsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly limiter: LeadRateLimiter,
    private readonly crm: CrmBridge,
  ) {}

  formToken(): { formToken: string | null } {
    return {
      formToken: this.config.messaging.leadFormSecret ? issueLeadFormToken(this.config.messaging.leadFormSecret) : null,
    };
  }

  async submit(dto: SubmitLeadDto, ip: string): Promise<{ ok: true }> {
    this.rejectSpam(dto);
    if (!(await this.limiter.allow(ip)))
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'too_many_requests',
        'Too many requests from this address. Please try again in a minute.',
      );
    const phone = dto.phone ? normalizePhoneNumber(dto.phone, this.config.locale.defaultPhoneRegion) : null;
    if (dto.phone && !phone)
      throw ApiError.validation({ phone: 'Enter a valid phone number, for example +373 69 123 456.' });
    const utm = Object.fromEntries(UTM_KEYS.flatMap((k) => (dto[`utm_${k}`] ? [[k, dto[`utm_${k}`]!]] : [])));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store(dto, phone, utm);
        return { ok: true };
      } catch (error) {
        if (attempt < 2 && isUniqueViolation(error)) continue; // the same person sent two forms at once
        throw error;
      }
    }
  }

  private async store(dto: SubmitLeadDto, phone: string | null, utm: Record<string, string>): Promise<void> {
    const ids = await this.db.transaction(async (tx) => {
      const contact = await this.crm.resolveContact(
        tx,
        { channel: 'landing', name: dto.name, phone: phone ?? undefined, email: dto.email },
        'landing',
      );
      const responsible = await this.crm.pickResponsible(tx, {
        source: 'landing',
        accountDefault: null,
        contactResponsible: contact.responsibleUserId,
        departmentId: null,
      });
      const card = await this.crm.cardFor(tx, {
        contactId: contact.contactId,
        createIfNone: true,
        title: `${contact.displayName} — landing page`,
        source: 'landing',
        responsibleUserId: responsible,
        departmentId: null,
        utm,
        details: { referrer: dto.referrer, pageUrl: dto.pageUrl, message: dto.message, company: dto.company },
      });
      await this.crm.setContactResponsibleIfNone(tx, contact.contactId, contact.responsibleUserId, responsible);
      await this.crm.ensureConsultTask(tx, {
        contactId: contact.contactId,
        cardId: card?.cardId ?? null,
        assigneeUserId: card?.responsibleUserId ?? responsible,
        title: `Call back the landing-page lead ${contact.displayName}`,
      });
      return { contactId: contact.contactId, cardId: card?.cardId };
    });
    this.logger.info({ ...ids, utmSource: utm.source }, 'landing-page lead stored');
  }

  private rejectSpam(dto: SubmitLeadDto): void {
    const spam = (reason: string) => {
      this.logger.info({ reason }, 'lead rejected as spam');
      return new ApiError(
        HttpStatus.BAD_REQUEST,
        'rejected_as_spam',
        'The form could not be accepted. Please reload the page and try again.',
      );
    };
    if (dto.website) throw spam('honeypot');
    const minMs = this.config.messaging.leadMinFillSeconds * 1000;
    const secret = this.config.messaging.leadFormSecret;
    if (secret) {
      const issuedAt = verifyLeadFormToken(secret, dto.formToken);
      if (issuedAt === undefined) throw spam('form token');
      if (Date.now() - issuedAt < minMs) throw spam('filled too fast');
    } else if (dto.elapsedMs !== undefined && dto.elapsedMs < minMs) {
      throw spam('filled too fast');
    }
  }
}
