import type { SpreadsheetCell } from '../spreadsheets/spreadsheet-file.js';
import type { ReportName } from './reports.dto.js';
import type { ReportsService } from './reports.service.js';

export type ReportTable = { sheetName: string; headers: string[]; rows: SpreadsheetCell[][] };

type Result<K extends keyof ReportsService> = Awaited<ReturnType<ReportsService[K]>>;

const CALL_HEADERS = [
  'Intrate',
  'Preluate',
  'Pierdute',
  'Pierdute fără apel înapoi',
  'Ieșite',
  'Așteptare medie (s)',
  'Convorbire medie (s)',
];
const callCells = (t: Result<'calls'>['totals']): SpreadsheetCell[] => [
  t.incoming,
  t.answered,
  t.missed,
  t.missedNotCalledBack,
  t.outgoing,
  t.avgWaitSeconds,
  t.avgTalkSeconds,
];

/** Each report as one sheet: the table a supervisor would paste into a report, with a total row where it adds up. */
export const REPORT_TABLES: { [K in ReportName]: (result: never) => ReportTable } = {
  calls: (r: Result<'calls'>) => ({
    sheetName: 'Apeluri',
    headers: ['Consultant', ...CALL_HEADERS],
    rows: [...r.byConsultant.map((c) => [c.consultantName ?? '—', ...callCells(c)]), ['Total', ...callCells(r.totals)]],
  }),
  requests: (r: Result<'requests'>) => ({
    sheetName: 'Solicitări',
    headers: ['Dimensiune', 'Valoare', 'Fișe noi', 'Conversații noi'],
    rows: [
      ...r.byChannel.map((c) => [
        'canal',
        c.channel,
        c.cards,
        r.totals.conversations === null ? null : c.conversations,
      ]),
      ...r.byUtmSource.map((u) => ['utm_source', u.utmSource ?? '(fără)', u.cards, null]),
      ['Total', '', r.totals.cards, r.totals.conversations],
    ],
  }),
  stages: (r: Result<'stages'>) => ({
    sheetName: 'Etape',
    headers: ['Pipeline', 'Etapă', 'Tip', 'Fișe acum', 'Intrate în perioadă', 'Conversie la următoarea'],
    rows: r.stages.map((s) => [s.pipelineName, s.stageName, s.stageKind, s.cards, s.entered, s.conversionToNext]),
  }),
  'overdue-tasks': (r: Result<'overdueTasks'>) => ({
    sheetName: 'Sarcini restante',
    headers: ['Consultant', 'Sarcini restante', 'Cea mai veche scadență'],
    rows: [...r.byConsultant.map((c) => [c.consultantName ?? '—', c.overdue, c.oldestDueAt]), ['Total', r.total, null]],
  }),
  'cards-without-task': (r: Result<'cardsWithoutTask'>) => ({
    sheetName: 'Fișe fără sarcină',
    headers: ['Consultant', 'Pipeline', 'Fișe fără sarcină', 'În etapă din'],
    rows: [
      ...r.byConsultant.map((c) => [c.consultantName ?? '—', c.pipelineName, c.cards, c.oldestStageEnteredAt]),
      ['Total', '', r.total, null],
    ],
  }),
  campaigns: (r: Result<'campaigns'>) => ({
    sheetName: 'Campanii',
    headers: [
      'Sursă',
      'Campanie',
      'Subiect',
      'Trimisă',
      'Destinatari',
      'Deschideri unice',
      'Rată deschidere',
      'Clicuri unice',
      'Rată clic',
      'Dezabonări',
      'Respinse',
    ],
    rows: r.campaigns.map((c) => [
      c.source,
      c.name,
      c.subject,
      c.sentAt,
      c.recipients,
      c.uniqueOpens,
      c.openRate,
      c.uniqueClicks,
      c.clickRate,
      c.unsubscribed,
      c.bounced,
    ]),
  }),
};
