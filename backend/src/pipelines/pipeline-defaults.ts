import type { LocalizedLabel, StageKind } from './pipelines.schema.js';

export type DefaultStage = {
  name: string;
  color: string;
  kind: StageKind;
  staleAfterHours?: number;
  requiredFieldKeys?: string[];
};
export type DefaultPipeline = { code: string; name: string; order: number; stages: DefaultStage[] };

/** The product's three funnels, created on every fresh database (not demo data). */
export const DEFAULT_PIPELINES: DefaultPipeline[] = [
  {
    code: 'ads-landing',
    name: 'Cereri noi din publicitate și landing',
    order: 1,
    stages: [
      { name: 'Nou', color: '#3b82f6', kind: 'open', staleAfterHours: 24 },
      { name: 'Contactat', color: '#06b6d4', kind: 'open', staleAfterHours: 48 },
      { name: 'Consultat', color: '#8b5cf6', kind: 'open', staleAfterHours: 72, requiredFieldKeys: ['instruments'] },
      {
        name: 'Aplicat la program',
        color: '#f59e0b',
        kind: 'open',
        staleAfterHours: 168,
        requiredFieldKeys: ['programApplied'],
      },
      { name: 'Închis — succes', color: '#16a34a', kind: 'won' },
      { name: 'Închis — refuz', color: '#dc2626', kind: 'lost' },
    ],
  },
  {
    code: 'cold-calls-events',
    name: 'Bază apeluri la rece — invitații la evenimente',
    order: 2,
    stages: [
      { name: 'De sunat', color: '#3b82f6', kind: 'open', staleAfterHours: 72 },
      { name: 'Nu răspunde', color: '#94a3b8', kind: 'open', staleAfterHours: 48 },
      { name: 'Interesat', color: '#06b6d4', kind: 'open', staleAfterHours: 48 },
      { name: 'Înregistrat la eveniment', color: '#f59e0b', kind: 'open' },
      { name: 'A participat', color: '#16a34a', kind: 'won' },
      { name: 'Refuz', color: '#dc2626', kind: 'lost' },
    ],
  },
  {
    code: 'department-referrals',
    name: 'Comunicări din alte departamente',
    order: 3,
    stages: [
      { name: 'Primit', color: '#3b82f6', kind: 'open', staleAfterHours: 24 },
      { name: 'În lucru', color: '#06b6d4', kind: 'open', staleAfterHours: 72 },
      { name: 'Consultat', color: '#8b5cf6', kind: 'open', requiredFieldKeys: ['instruments'] },
      { name: 'Închis — rezolvat', color: '#16a34a', kind: 'won' },
      { name: 'Închis — fără rezultat', color: '#dc2626', kind: 'lost' },
    ],
  },
];

/** The centre's programmes, ticked on a card as "consulted on". */
export const DEFAULT_INSTRUMENTS: { code: string; name: LocalizedLabel }[] = [
  { code: 'pare-1-1', name: { ro: 'Programul PARE 1+1', ru: 'Программа PARE 1+1', en: 'PARE 1+1 Programme' } },
  { code: 'start-tineri', name: { ro: 'Start pentru Tineri', ru: 'Старт для молодёжи', en: 'Start for Youth' } },
  { code: 'femei-afaceri', name: { ro: 'Femei în afaceri', ru: 'Женщины в бизнесе', en: 'Women in Business' } },
  { code: 'digitalizare-imm', name: { ro: 'Digitalizarea IMM', ru: 'Цифровизация МСП', en: 'SME Digitalisation' } },
  {
    code: 'garantare-credite',
    name: { ro: 'Garantare credite', ru: 'Гарантирование кредитов', en: 'Loan Guarantees' },
  },
  {
    code: 'instruire-antreprenoriala',
    name: {
      ro: 'Programul de instruire antreprenorială',
      ru: 'Программа предпринимательского обучения',
      en: 'Entrepreneurship Training Programme',
    },
  },
  { code: 'eco-eficienta', name: { ro: 'Eco-Eficiență', ru: 'Эко-эффективность', en: 'Eco-Efficiency' } },
  {
    code: 'export',
    name: { ro: 'Export/Internaționalizare', ru: 'Экспорт/Интернационализация', en: 'Export/Internationalisation' },
  },
];

/** Card attributes (not custom fields) a stage may require. */
export const BUILT_IN_REQUIRABLE_KEYS = [
  'instruments',
  'budget',
  'programApplied',
  'companyId',
  'responsibleUserId',
] as const;
