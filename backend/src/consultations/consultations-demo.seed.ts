import { Injectable } from '@nestjs/common';
import type { ContactView } from '../contacts/contact-view.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { FieldDefinitionsService } from '../pipelines/field-definitions.service.js';
import { PipelinesService, type PipelineWithStages } from '../pipelines/pipelines.service.js';
import { DEMO_USERS } from '../seed/identity-seed.js';
import { DemoSeedRegistry } from '../seed/demo-seed-registry.js';
import { permissionsOf } from '../users/roles.js';
import { UsersRepository } from '../users/users.repository.js';
import type { CardViewer } from './card-viewer.js';
import { CardNotesService } from './card-notes.service.js';
import { ConsultationCardsService } from './consultation-cards.service.js';
import type { UpdateCardDto } from './consultations.dto.js';
import { ConsultationsRepository } from './consultations.repository.js';

const DAY = 24 * 3600_000;

/** How many demo cards each pipeline gets, and which stage (by index) each one reaches, in turn. */
const DEMO_PLAN: { code: string; count: number; stagePattern: number[] }[] = [
  { code: 'ads-landing', count: 18, stagePattern: [0, 1, 2, 3, 1, 2, 4, 0, 5, 2, 1, 3] },
  { code: 'cold-calls-events', count: 12, stagePattern: [0, 1, 2, 3, 0, 2, 4, 5, 1, 3] },
  { code: 'department-referrals', count: 10, stagePattern: [0, 1, 2, 1, 3, 4, 0, 2] },
];

const TITLES: Record<string, string[]> = {
  'ads-landing': [
    'Finanțare pentru o seră de legume',
    'Deschiderea unei cafenele în Orhei',
    'Atelier de croitorie — echipamente',
    'Extinderea unei brutării',
    'Start-up IT: aplicație de livrări',
    'Salon de înfrumusețare — credit garantat',
    'Procesare fructe uscate',
    'Apicultură — 50 de stupi noi',
  ],
  'cold-calls-events': [
    'Invitație la forumul IMM',
    'Invitație: atelier de export în UE',
    'Seminar „Digitalizarea afacerii mici”',
    'Invitație la Târgul antreprenorilor',
    'Webinar: finanțări nerambursabile',
  ],
  'department-referrals': [
    'Transmis de la departamentul Instruiri',
    'Solicitare de la Garantare credite',
    'Redirecționat de la recepție',
    'Referință de la Programul PARE 1+1',
  ],
};

const NOTES = [
  'A sunat după ce a văzut reclama pe Facebook; interesat de granturi.',
  'Are deja un plan de afaceri, cere ajutor la buget.',
  'Preferă comunicarea pe Viber, după ora 17.',
  'A participat anterior la instruirea antreprenorială.',
  'Solicită o întâlnire la oficiu, săptămâna viitoare.',
  'Nu are încă întreprindere înregistrată; i-am explicat pașii.',
];

const FALLBACK_CONTACTS = [
  { phone: '+37369100201', firstName: 'Andrei', lastName: 'Ceban' },
  { phone: '+37369100202', firstName: 'Cristina', lastName: 'Roșca' },
  { phone: '+37369100203', firstName: 'Dumitru', lastName: 'Guțu' },
  { phone: '+37369100204', firstName: 'Olga', lastName: 'Bivol' },
  { phone: '+37369100205', firstName: 'Sergiu', lastName: 'Popa' },
  { phone: '+37369100206', firstName: 'Tatiana', lastName: 'Sârbu' },
];

/** Demo (order 25): ~40 consultation cards over the three pipelines, at various stages, with instruments and notes. */
@Injectable()
export class ConsultationsDemoSeed {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly cards: ConsultationCardsService,
    private readonly notes: CardNotesService,
    private readonly repository: ConsultationsRepository,
    private readonly pipelines: PipelinesService,
    private readonly fieldDefinitions: FieldDefinitionsService,
    private readonly contacts: ContactsService,
    private readonly users: UsersRepository,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'consultation-cards', order: 25, seed: () => this.seed() });
  }

  private async seed(): Promise<void> {
    const contacts = await this.demoContacts();
    const consultants = await this.demoConsultants();
    if (!contacts.length || !consultants.length) return;
    const instruments = (await this.pipelines.listInstruments()).filter((i) => i.active);
    const definedKeys = new Set(
      (await this.fieldDefinitions.list()).filter((d) => d.active && !d.pipelineIds.length).map((d) => d.key),
    );
    let n = 0;
    for (const plan of DEMO_PLAN) {
      const pipelineRow = await this.pipelines.findByCode(plan.code);
      if (!pipelineRow) continue;
      const pipeline = await this.pipelines.get(pipelineRow.id);
      const team = consultants.filter((c) => !pipeline.departmentId || c.departmentId === pipeline.departmentId);
      for (let i = 0; i < plan.count; i++, n++) {
        const viewer = (team.length ? team : consultants)[i % (team.length || consultants.length)];
        const contact = contacts[n % contacts.length];
        const titles = TITLES[plan.code];
        const card = await this.cards.create(
          {
            contactId: contact.id,
            companyId: contact.companyId,
            pipelineId: pipeline.id,
            title: titles[i % titles.length],
            instruments: [],
            fields: demoFields(n, definedKeys),
            source:
              plan.code === 'ads-landing'
                ? n % 2
                  ? 'landing'
                  : 'facebook'
                : plan.code === 'cold-calls-events'
                  ? 'cold_call'
                  : 'referral',
            utm:
              plan.code === 'ads-landing'
                ? { source: n % 2 ? 'google' : 'facebook', medium: 'cpc', campaign: 'granturi-2026' }
                : {},
          },
          viewer,
        );
        await this.moveTowards(
          card.id,
          pipeline,
          plan.stagePattern[i % plan.stagePattern.length],
          instruments.map((x) => x.code),
          n,
          viewer,
        );
        await this.notes.addToCard(card.id, NOTES[n % NOTES.length], viewer);
        if (n % 3 === 0) await this.notes.addToCard(card.id, NOTES[(n + 2) % NOTES.length], viewer);
        await this.db.transaction((tx) =>
          this.repository.shiftTimesBack(tx, card.id, ((n % 9) + 1) * DAY + (n % 5) * 3600_000),
        );
      }
    }
  }

  /** Walks the card through the open stages up to the target (filling what each stage requires), then into it. */
  private async moveTowards(
    cardId: string,
    pipeline: PipelineWithStages,
    target: number,
    instrumentCodes: string[],
    n: number,
    viewer: CardViewer,
  ) {
    const stages = pipeline.stages.slice(0, Math.min(target, pipeline.stages.length - 1) + 1);
    const path = [
      ...stages.slice(1).filter((s) => s.kind === 'open'),
      ...(stages.at(-1)?.kind !== 'open' && stages.length > 1 ? [stages.at(-1)!] : []),
    ];
    for (const stage of path) {
      const dto: UpdateCardDto = { stageId: stage.id };
      if (stage.requiredFieldKeys.includes('instruments') || stage.order >= 2)
        dto.instruments = [
          instrumentCodes[n % instrumentCodes.length],
          instrumentCodes[(n + 3) % instrumentCodes.length],
        ].filter(Boolean);
      if (stage.requiredFieldKeys.includes('programApplied')) dto.programApplied = 'Programul PARE 1+1';
      if (stage.requiredFieldKeys.includes('budget')) dto.budget = 50_000 + (n % 7) * 25_000;
      await this.cards.update(cardId, dto, viewer);
    }
  }

  private async demoContacts(): Promise<ContactView[]> {
    const existing = (await this.contacts.search({ limit: 60 })).items.filter((c) => !c.mergedIntoId && !c.erasedAt);
    if (existing.length) return existing;
    const created: ContactView[] = [];
    for (const c of FALLBACK_CONTACTS)
      created.push(
        (
          await this.contacts.findOrCreateByPhone(c.phone, {
            firstName: c.firstName,
            lastName: c.lastName,
            source: 'manual',
          })
        ).contact,
      );
    return created;
  }

  private async demoConsultants(): Promise<CardViewer[]> {
    const viewers: CardViewer[] = [];
    for (const demo of DEMO_USERS.filter((u) => u.role === 'consultant')) {
      const user = await this.users.findByEmail(demo.email);
      if (user)
        viewers.push({
          id: user.id,
          departmentId: user.departmentId,
          permissions: permissionsOf(user.role, user.extraPermissions),
        });
    }
    return viewers;
  }
}

const SECTORS = ['agro', 'it', 'productie', 'comert', 'servicii'];

/** Values for the demo custom fields (pipelines demo seed), only for the keys that are defined. */
function demoFields(n: number, definedKeys: Set<string>): Record<string, unknown> {
  const values: Record<string, unknown> = {
    employees: 1 + ((n * 7) % 40),
    sector: SECTORS[n % SECTORS.length],
    annualTurnover: 120_000 + ((n * 37_500) % 2_000_000),
    requestedAmount: 50_000 + (n % 8) * 25_000,
    fundingPurpose: n % 2 ? 'Procurare de echipamente' : 'Capital circulant și materie primă',
    plannedStart: `2027-0${1 + (n % 9)}-01`,
    documentsReady: ['plan', 'extras', 'bilant'].slice(0, n % 4),
  };
  return Object.fromEntries(Object.entries(values).filter(([key]) => definedKeys.has(key)));
}
