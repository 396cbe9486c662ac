import { HttpStatus, Injectable } from '@nestjs/common';
import {
  loadShippedTemplates,
  pickTemplate,
  previewTemplate,
  validateTemplate,
  type TemplateDefinition,
  type TemplateIssue,
  type TemplatePreview,
  type TemplateSource,
} from '@consult-crm/templates';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError, type FieldErrors } from '../common/api-error.js';
import type { CardViewer } from '../consultations/card-viewer.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation, violatedConstraint } from '../database/postgres-errors.js';
import { MergeContextBuilder } from './merge-context.builder.js';
import type {
  CardTemplatesQuery,
  CreateTemplateDto,
  ListTemplatesQuery,
  PreviewTemplateDto,
  UpdateTemplateDto,
} from './message-templates.dto.js';
import { MessageTemplatesRepository } from './message-templates.repository.js';
import type { MessageTemplateRow } from './message-templates.schema.js';

const SEED_ACTOR = { userId: null, label: 'shipped-templates' };

/** A preview as the API returns it: the rendered parts plus what the editor needs to point at problems. */
export type TemplatePreviewView = TemplatePreview & { templateId?: string; contactId?: string; cardId?: string | null };

/** Message templates: CRUD (validated by the template engine), shipped defaults, previews, picking by a card's scope. */
@Injectable()
export class MessageTemplatesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: MessageTemplatesRepository,
    private readonly merge: MergeContextBuilder,
    private readonly audit: AuditService,
    private readonly cards: ConsultationCardsService,
  ) {}

  list(query: ListTemplatesQuery): Promise<MessageTemplateRow[]> {
    return this.repository.list(query);
  }

  async get(id: string, tx?: DatabaseExecutor): Promise<MessageTemplateRow> {
    const row = await this.repository.findById(id, tx);
    if (!row) throw ApiError.notFound('Template', id);
    return row;
  }

  async create(dto: CreateTemplateDto, user: AuthenticatedUser): Promise<MessageTemplateRow> {
    assertValid(dto);
    return this.writing(async (tx) => {
      const row = await this.repository.insert(tx, { ...normalize(dto), origin: 'custom', createdBy: user.id });
      await this.audit.record({ action: 'create', entityType: 'message_template', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async update(id: string, dto: UpdateTemplateDto): Promise<MessageTemplateRow> {
    return this.writing(async (tx) => {
      const before = await this.get(id, tx);
      const merged = { ...before, ...normalize(dto) };
      if (merged.channel === 'email' && !merged.subject?.trim())
        throw ApiError.validation({ subject: 'E-mails need a subject.' });
      if (merged.channel !== 'email' && merged.format !== 'text')
        throw ApiError.validation({ format: 'SMS and messenger templates are plain text: use format "text".' });
      assertValid(merged);
      const row = await this.repository.update(tx, id, normalize(dto));
      await this.audit.record(
        { action: 'update', entityType: 'message_template', entityId: id, before, after: row },
        tx,
      );
      return row;
    });
  }

  async remove(id: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const before = await this.get(id, tx);
        await this.repository.delete(tx, id);
        await this.audit.record({ action: 'delete', entityType: 'message_template', entityId: id, before }, tx);
      });
    } catch (error) {
      // ON DELETE RESTRICT answers 23001 (restrict_violation), NO ACTION 23503.
      if (isForeignKeyViolation(error) || violatedConstraint(error) === 'campaigns_template_id_message_templates_id_fk')
        throw ApiError.conflict(
          'template_in_use',
          'A campaign uses this template; switch it off (active: false) instead of deleting it.',
        );
      throw error;
    }
  }

  /** The defaults from templates/shipped, once per database (a deleted or edited default is not brought back). */
  async ensureShippedDefaults(): Promise<number> {
    const shipped = loadShippedTemplates();
    return this.db.transaction(async (tx) => {
      const existing = await this.repository.list({}, tx);
      let added = 0;
      for (const definition of shipped) {
        const has = existing.some(
          (r) =>
            r.origin === 'shipped' &&
            r.key === definition.key &&
            r.channel === definition.channel &&
            r.locale === definition.locale,
        );
        if (has) continue;
        const row = await this.repository.insertShippedIfMissing(tx, {
          key: definition.key,
          name: definition.name ?? definition.key,
          channel: definition.channel,
          format: definition.format,
          locale: definition.locale,
          subject: definition.subject ?? null,
          body: definition.body,
        });
        if (!row) continue;
        added++;
        await this.audit.record(
          {
            action: 'create',
            entityType: 'message_template',
            entityId: row.id,
            after: { key: row.key, channel: row.channel, locale: row.locale, origin: 'shipped' },
            actor: SEED_ACTOR,
          },
          tx,
        );
      }
      return added;
    });
  }

  /** Renders a saved template or a draft for a contact (and card) with their real data, or with sample values. */
  /** Renders a stored template or a draft, with a contact's (and one of its visible cards') data when chosen. */
  async preview(dto: PreviewTemplateDto, viewer: CardViewer): Promise<TemplatePreviewView> {
    if (!dto.templateId && !dto.draft)
      throw ApiError.validation({ templateId: 'Choose a template or send a draft to preview.' });
    const template = dto.templateId ? await this.get(dto.templateId) : undefined;
    const source: TemplateSource = template
      ? sourceOf(template)
      : { ...dto.draft!, subject: dto.draft!.subject ?? undefined };
    if (!dto.contactId && dto.cardId) throw ApiError.validation({ contactId: 'Choose the contact of the card too.' });
    // A card of another department stays out of reach unless the viewer may see it (same rule as GET /cards/:id).
    if (dto.cardId) await this.cards.getVisible(dto.cardId, viewer);
    const merged = dto.contactId ? await this.merge.build({ contactId: dto.contactId, cardId: dto.cardId }) : undefined;
    const preview = previewTemplate(source, merged?.context, { gsmSafe: dto.gsmSafe });
    return { ...preview, templateId: template?.id, contactId: merged?.contactId, cardId: merged?.cardId };
  }

  /** The active templates that fit a card: per key and channel, the most specific scope in the contact's language. */
  async forCard(cardId: string, query: CardTemplatesQuery, viewer: CardViewer): Promise<MessageTemplateRow[]> {
    const visible = await this.cards.getVisible(cardId, viewer);
    const card = await this.merge.build({ contactId: visible.contactId, cardId });
    const rows = await this.repository.list({ active: true, channel: query.channel });
    const definitions = rows.map(definitionOf);
    const groups = new Map<string, { key: string; channel: MessageTemplateRow['channel'] }>();
    for (const row of rows) groups.set(`${row.key}|${row.channel}`, { key: row.key, channel: row.channel });
    const picked: MessageTemplateRow[] = [];
    for (const { key, channel } of groups.values()) {
      const services = card.instruments.length ? card.instruments : [undefined];
      let best: (TemplateDefinition & { row: MessageTemplateRow }) | undefined;
      for (const service of services) {
        const choice = pickTemplate(definitions, {
          key,
          channel,
          locale: query.locale ?? card.locale,
          departmentId: card.departmentId ?? undefined,
          pipelineId: card.pipelineId ?? undefined,
          service,
        });
        if (choice && (!best || scopeWeight(choice) > scopeWeight(best))) best = choice;
      }
      if (best) picked.push(best.row);
    }
    return picked;
  }

  private async writing<T>(work: (tx: DatabaseExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw ApiError.validation({
          departmentId: 'No such department or pipeline.',
          pipelineId: 'No such department or pipeline.',
        });
      throw error;
    }
  }
}

export function sourceOf(
  row: Pick<MessageTemplateRow, 'channel' | 'format' | 'body' | 'subject' | 'locale'>,
): TemplateSource {
  return {
    channel: row.channel,
    format: row.format,
    body: row.body,
    subject: row.subject ?? undefined,
    locale: row.locale,
  };
}

function definitionOf(row: MessageTemplateRow): TemplateDefinition & { row: MessageTemplateRow } {
  return {
    ...sourceOf(row),
    id: row.id,
    key: row.key,
    locale: row.locale,
    scope: {
      departmentId: row.departmentId ?? undefined,
      pipelineId: row.pipelineId ?? undefined,
      service: row.service ?? undefined,
    },
    name: row.name,
    origin: row.origin,
    row,
  };
}

function scopeWeight(definition: TemplateDefinition): number {
  const { scope } = definition;
  return (
    (scope.pipelineId ? 4 : 0) +
    (scope.service ? 2 : 0) +
    (scope.departmentId ? 1 : 0) +
    (scope.pipelineId || scope.service || scope.departmentId ? 8 : 0)
  );
}

function normalize<T extends Partial<CreateTemplateDto>>(dto: T) {
  const { subject, departmentId, pipelineId, service, ...rest } = dto;
  return {
    ...rest,
    ...(subject !== undefined ? { subject: subject?.trim() ? subject : null } : {}),
    ...(departmentId !== undefined ? { departmentId: departmentId ?? null } : {}),
    ...(pipelineId !== undefined ? { pipelineId: pipelineId ?? null } : {}),
    ...(service !== undefined ? { service: service ?? null } : {}),
  };
}

/** The engine's errors (syntax, unknown fields and helpers, unsafe `{{{ }}}`, MJML) as a 400 naming subject/body. */
function assertValid(template: {
  channel: MessageTemplateRow['channel'];
  format: MessageTemplateRow['format'];
  body: string;
  subject?: string | null;
  locale: MessageTemplateRow['locale'];
}): void {
  const issues = validateTemplate(sourceOf({ ...template, subject: template.subject ?? null })).filter(
    (i) => i.severity === 'error',
  );
  if (!issues.length) return;
  const fields: FieldErrors = {};
  for (const issue of issues) fields[issue.part] ??= describe(issue);
  throw new ApiError(
    HttpStatus.BAD_REQUEST,
    'template_invalid',
    `The template cannot be used yet: ${describe(issues[0])}`,
    fields,
    { issues },
  );
}

function describe(issue: TemplateIssue): string {
  return issue.line ? `${issue.message} (line ${issue.line}, column ${issue.column ?? 1})` : issue.message;
}
