import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { MailchimpApiError, type MailchimpAudienceClient } from '@consult-crm/integrations';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { SegmentsService } from '../segments/segments.service.js';
import { planMember, type MemberPlan } from './member-plan.js';
import { MailchimpClients } from './mailchimp-clients.js';
import { MailchimpRepository } from './mailchimp.repository.js';
import type { MailchimpAudienceRow } from './mailchimp.schema.js';

export const MAILCHIMP_SYNC_QUEUE = 'mailchimp-sync';

type PlanJob = { audienceId: string };
type PushJob = { audienceId: string; plans: MemberPlan[] };
type ContactJob = { audienceId: string; contactId: string };

export type SyncSummary = { candidates: number; changed: number; batches: number; startedAt: string };

/**
 * Incremental audience sync through BullMQ. `plan` walks the audience's contacts in batches, compares each one's
 * desired member (e-mail, FNAME/LNAME/PHONE, tags, consent) with the hash last sent and queues a `push` job per batch
 * of changed contacts; `push` sends them with at most MAILCHIMP_CONCURRENCY requests in flight (Mailchimp allows 10
 * simultaneous connections) and, on 429 or 5xx, fails the job so BullMQ retries it with exponential backoff — members
 * already sent are skipped on the retry because their hash now matches. A 4xx for one contact (an e-mail Mailchimp
 * refuses) is recorded on that contact and does not block the batch.
 */
@Injectable()
export class MailchimpSyncService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: MailchimpRepository,
    private readonly clients: MailchimpClients,
    private readonly segments: SegmentsService,
    private readonly queues: JobQueues,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.queues.defineWorker(
      MAILCHIMP_SYNC_QUEUE,
      async (job: Job) => {
        if (job.name === 'plan') return this.plan((job.data as PlanJob).audienceId);
        if (job.name === 'push') return this.push(job.data as PushJob);
        if (job.name === 'contact')
          return this.syncContact((job.data as ContactJob).audienceId, (job.data as ContactJob).contactId);
        if (job.name === 'reports') return this.pullCampaignReports((job.data as PlanJob).audienceId);
        if (job.name === 'scheduled') return this.enqueueAll();
      },
      { concurrency: 1 },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queues.runsWorkers || this.config.mailchimp.syncIntervalMinutes === 0) return;
    await this.queues
      .queue(MAILCHIMP_SYNC_QUEUE)
      .upsertJobScheduler(
        'mailchimp-sync-all',
        { every: this.config.mailchimp.syncIntervalMinutes * 60_000 },
        { name: 'scheduled', opts: { attempts: 1 } },
      )
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'could not schedule the Mailchimp sync'));
  }

  /** Queues a full incremental sync (and a campaign-report pull) of one audience. */
  async enqueueSync(audienceId: string): Promise<void> {
    const queue = this.queues.queue(MAILCHIMP_SYNC_QUEUE);
    await queue.add('plan', { audienceId } satisfies PlanJob);
    await queue.add('reports', { audienceId } satisfies PlanJob);
  }

  /** Queues one contact's sync now (auto-subscribe on a stage, automation rules). */
  async enqueueContact(audienceId: string, contactId: string): Promise<void> {
    await this.queues.queue(MAILCHIMP_SYNC_QUEUE).add('contact', { audienceId, contactId } satisfies ContactJob);
  }

  private async enqueueAll(): Promise<void> {
    for (const audience of await this.repository.activeAudiences()) await this.enqueueSync(audience.id);
  }

  /** Walks the audience's scope and queues a push per batch of changed contacts. */
  async plan(audienceId: string): Promise<SyncSummary> {
    const audience = await this.repository.findAudience(audienceId);
    if (!audience?.active) return { candidates: 0, changed: 0, batches: 0, startedAt: new Date().toISOString() };
    const summary: SyncSummary = { candidates: 0, changed: 0, batches: 0, startedAt: new Date().toISOString() };
    const batchSize = this.config.mailchimp.syncBatchSize;
    const queue = this.queues.queue(MAILCHIMP_SYNC_QUEUE);
    for await (const { contactIds, segmentNames } of this.scope(audience, batchSize)) {
      const plans = await this.plansFor(audience, contactIds, segmentNames);
      summary.candidates += contactIds.length;
      if (!plans.length) continue;
      summary.changed += plans.length;
      summary.batches++;
      await queue.add('push', { audienceId, plans } satisfies PushJob);
    }
    await this.repository.updateAudience(audienceId, { lastSyncAt: new Date(), lastSyncSummary: summary });
    await this.audit.record({
      action: 'mailchimp.sync_planned',
      entityType: 'mailchimp_audience',
      entityId: audienceId,
      after: summary,
      actor: { label: 'mailchimp-sync' },
    });
    this.logger.info({ audienceId, ...summary }, 'mailchimp sync planned');
    return summary;
  }

  /** Sends one batch; throws on a retryable Mailchimp error so BullMQ retries the job. */
  async push(job: PushJob): Promise<{ sent: number; failed: number }> {
    const audience = await this.repository.findAudience(job.audienceId);
    if (!audience?.active) return { sent: 0, failed: 0 };
    const client = this.clients.forAudience(audience);
    const current = await this.repository.members(
      audience.id,
      job.plans.map((p) => p.contactId),
    );
    const pending = job.plans.filter((p) => current.get(p.contactId)?.contentHash !== p.contentHash);
    let sent = 0;
    let failed = 0;
    let retryable: MailchimpApiError | undefined;
    const queue = [...pending];
    const worker = async () => {
      for (let plan = queue.shift(); plan && !retryable; plan = queue.shift()) {
        try {
          await this.send(client, audience, plan);
          sent++;
        } catch (error) {
          if (error instanceof MailchimpApiError && error.retryable) {
            retryable = error;
            return;
          }
          failed++;
          await this.repository.saveMember({
            audienceId: audience.id,
            contactId: plan.contactId,
            email: plan.email,
            subscriberHash: plan.subscriberHash,
            status: current.get(plan.contactId)?.status ?? 'error',
            tags: current.get(plan.contactId)?.tags ?? [],
            contentHash: plan.contentHash,
            lastError: (error as Error).message.slice(0, 500),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.mailchimp.concurrency, pending.length) }, worker));
    this.logger.info({ audienceId: audience.id, sent, failed, retry: !!retryable }, 'mailchimp batch pushed');
    if (retryable) throw retryable;
    return { sent, failed };
  }

  /** One contact, now: pinned contacts and auto-subscribe go through here. */
  async syncContact(audienceId: string, contactId: string): Promise<MemberPlan | null> {
    const audience = await this.repository.findAudience(audienceId);
    if (!audience?.active) return null;
    const segmentNames = await this.segmentNamesOf(audience, [contactId]);
    const [plan] = await this.plansFor(audience, [contactId], segmentNames);
    if (plan) await this.send(this.clients.forAudience(audience), audience, plan);
    return plan ?? null;
  }

  /** GET /reports since 90 days before the newest stored send: opens and clicks for the campaign dashboard. */
  async pullCampaignReports(audienceId: string): Promise<number> {
    const audience = await this.repository.findAudience(audienceId);
    if (!audience?.active) return 0;
    const reports = await this.clients.forAudience(audience).listCampaignReports();
    let stored = 0;
    for (const r of reports) {
      if (r.listId && r.listId !== audience.listId) continue;
      await this.repository.upsertCampaignReport({
        audienceId,
        campaignId: r.campaignId,
        title: r.title,
        subjectLine: r.subject,
        sendTime: r.sendTime ? new Date(r.sendTime) : null,
        emailsSent: r.emailsSent,
        opensTotal: r.opensTotal,
        uniqueOpens: r.uniqueOpens,
        openRate: r.openRate,
        clicksTotal: r.clicksTotal,
        uniqueClicks: r.uniqueClicks,
        clickRate: r.clickRate,
        unsubscribed: r.unsubscribed,
        hardBounces: r.hardBounces,
        softBounces: r.softBounces,
      });
      stored++;
    }
    return stored;
  }

  private async send(client: MailchimpAudienceClient, audience: MailchimpAudienceRow, plan: MemberPlan): Promise<void> {
    if (plan.archive) {
      await client.archiveMember(audience.listId, plan.subscriberHash);
      await this.repository.saveMember({
        ...stateOf(audience, plan),
        status: 'archived',
        tags: [],
        syncedAt: new Date(),
        lastError: null,
      });
      return;
    }
    const member = await client.upsertMember({
      listId: audience.listId,
      email: plan.email,
      statusIfNew: plan.statusIfNew,
      status: plan.status,
      mergeFields: plan.mergeFields,
      language: plan.language,
    });
    const tagChanges = [
      ...plan.tags.map((name) => ({ name, active: true })),
      ...plan.removeTags.map((name) => ({ name, active: false })),
    ];
    if (tagChanges.length) await client.updateMemberTags(audience.listId, plan.email, tagChanges);
    await this.repository.saveMember({
      ...stateOf(audience, plan),
      status: member.status,
      tags: plan.tags,
      syncedAt: new Date(),
      lastError: null,
    });
  }

  private async plansFor(
    audience: MailchimpAudienceRow,
    contactIds: string[],
    segmentNames: Map<string, string[]>,
  ): Promise<MemberPlan[]> {
    const contacts = await this.repository.contactsForAudience(contactIds);
    const members = await this.repository.members(audience.id, contactIds);
    return contacts.flatMap(
      (c) => planMember(c, segmentNames.get(c.contactId) ?? [], audience, members.get(c.contactId)) ?? [],
    );
  }

  private async segmentNamesOf(
    audience: MailchimpAudienceRow,
    onlyContactIds?: string[],
  ): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    const only = onlyContactIds ? new Set(onlyContactIds) : undefined;
    for (const segmentId of audience.segmentIds) {
      const segment = await this.segments.get(segmentId).catch(() => undefined);
      if (!segment) continue;
      for (const id of await this.segments.resolveContactIds(segmentId)) {
        if (only && !only.has(id)) continue;
        names.set(id, [...(names.get(id) ?? []), segment.name]);
      }
    }
    return names;
  }

  /**
   * The audience's contacts in batches: every contact with an e-mail when it has no segments, otherwise the members
   * of its segments plus the pinned contacts; contacts that left the scope come last, so their managed tags are removed.
   */
  private async *scope(
    audience: MailchimpAudienceRow,
    batchSize: number,
  ): AsyncGenerator<{ contactIds: string[]; segmentNames: Map<string, string[]> }> {
    const segmentNames = await this.segmentNamesOf(audience);
    let inScope: Set<string>;
    if (!audience.segmentIds.length) {
      inScope = new Set();
      for (let afterId: string | undefined; ;) {
        const ids = await this.repository.contactIdsWithEmail(afterId, batchSize);
        if (ids.length) yield { contactIds: ids, segmentNames };
        for (const id of ids) inScope.add(id);
        if (ids.length < batchSize) break;
        afterId = ids.at(-1);
      }
    } else inScope = new Set([...segmentNames.keys(), ...(await this.repository.pinnedContactIds(audience.id))]);
    // Members whose contact left the scope: segment tags removed, or archived when the contact has no e-mail any more.
    const left = (await this.repository.memberContactIds(audience.id)).filter((id) => !inScope.has(id));
    const all = audience.segmentIds.length ? [...inScope, ...left] : left;
    for (let i = 0; i < all.length; i += batchSize) yield { contactIds: all.slice(i, i + batchSize), segmentNames };
  }
}

function stateOf(audience: MailchimpAudienceRow, plan: MemberPlan) {
  return {
    audienceId: audience.id,
    contactId: plan.contactId,
    email: plan.email,
    subscriberHash: plan.subscriberHash,
    contentHash: plan.contentHash,
  };
}
