import type { Locale } from './types.js';

export type MergeFieldType = 'string' | 'string[]' | 'date' | 'number' | 'money' | 'url' | 'email' | 'phone' | 'html';
export type MergeFieldGroup =
  'contact' | 'custom' | 'company' | 'consultation' | 'consultant' | 'centre' | 'links' | 'system';

/** One insertable field as the template editor lists it. */
export interface MergeFieldDescriptor {
  /** Dotted path typed in templates: `{{contact.firstName}}`. */
  path: string;
  type: MergeFieldType;
  group: MergeFieldGroup;
  label: Record<Locale, string>;
  /** Value used for previews when no contact is chosen. */
  sample: unknown;
  /** Sample in the reader's language when it differs from `sample`. */
  localizedSample?: Partial<Record<Locale, unknown>>;
  /** The field (or its whole object: company, consultation, consultant, links) may be absent. */
  optional: boolean;
  /** HTML maintained by the centre; the only kind of field that may be printed with `{{{ }}}`. */
  trustedHtml?: boolean;
}

type Labels = [ro: string, ru: string, en: string];

function field(
  path: string,
  type: MergeFieldType,
  labels: Labels,
  sample: unknown,
  extra: Partial<Pick<MergeFieldDescriptor, 'localizedSample' | 'optional' | 'trustedHtml'>> = {},
): MergeFieldDescriptor {
  const root = path.split('.')[0];
  const group: MergeFieldGroup = path.startsWith('contact.customFields.')
    ? 'custom'
    : root === 'now'
      ? 'system'
      : (root as MergeFieldGroup);
  const optionalRoot = ['company', 'consultation', 'consultant', 'links'].includes(root) || group === 'custom';
  const [ro, ru, en] = labels;
  return { path, type, group, label: { ro, ru, en }, sample, optional: extra.optional ?? optionalRoot, ...extra };
}

/** Prefix under which any installation-defined custom field may be referenced. */
export const CUSTOM_FIELDS_PREFIX = 'contact.customFields.';

/** Every merge field a template may use, in the order the editor shows them. */
export const MERGE_FIELDS: readonly MergeFieldDescriptor[] = [
  field('contact.firstName', 'string', ['Prenume', 'Имя', 'First name'], 'Ion', { localizedSample: { ru: 'Иван' } }),
  field('contact.lastName', 'string', ['Nume', 'Фамилия', 'Last name'], 'Popescu', {
    localizedSample: { ru: 'Попеску' },
  }),
  field('contact.fullName', 'string', ['Nume complet', 'Полное имя', 'Full name'], 'Ion Popescu', {
    localizedSample: { ru: 'Иван Попеску' },
  }),
  field('contact.phone', 'phone', ['Telefon', 'Телефон', 'Phone'], '+37369123456'),
  field('contact.email', 'email', ['E-mail', 'Эл. почта', 'E-mail'], 'ion.popescu@example.md'),
  field('contact.locality', 'string', ['Localitate', 'Населённый пункт', 'Locality'], 'Orhei', {
    localizedSample: { ru: 'Оргеев' },
  }),
  field('contact.activityType', 'string', ['Tip de activitate', 'Вид деятельности', 'Activity type'], 'Agricultură', {
    localizedSample: { ru: 'Сельское хозяйство', en: 'Agriculture' },
  }),
  field('contact.language', 'string', ['Limba preferată', 'Предпочитаемый язык', 'Preferred language'], 'ro', {
    localizedSample: { ru: 'ru', en: 'en' },
  }),
  field(
    'contact.customFields.eventName',
    'string',
    ['Eveniment: denumire', 'Мероприятие: название', 'Event: name'],
    'Seminar „Accesarea granturilor pentru IMM”',
    {
      localizedSample: { ru: 'Семинар «Доступ к грантам для МСП»', en: 'Seminar "Accessing grants for SMEs"' },
    },
  ),
  field(
    'contact.customFields.eventDate',
    'date',
    ['Eveniment: data și ora', 'Мероприятие: дата и время', 'Event: date and time'],
    '2025-04-10T10:00:00+03:00',
  ),
  field(
    'contact.customFields.eventPlace',
    'string',
    ['Eveniment: locul', 'Мероприятие: место', 'Event: venue'],
    'Sala de conferințe, et. 2',
    {
      localizedSample: { ru: 'Конференц-зал, 2 этаж', en: 'Conference hall, 2nd floor' },
    },
  ),
  field(
    'contact.customFields.eventAddress',
    'string',
    ['Eveniment: adresa', 'Мероприятие: адрес', 'Event: address'],
    'str. Exemplu 1, Chișinău',
    {
      localizedSample: { ru: 'ул. Пример 1, Кишинёв', en: '1 Exemplu St., Chișinău' },
    },
  ),
  field(
    'contact.customFields.eventRegistrationUrl',
    'url',
    ['Eveniment: link de înscriere', 'Мероприятие: ссылка на регистрацию', 'Event: registration link'],
    'https://crm.example.md/e/seminar-granturi',
  ),
  field(
    'contact.customFields.appointmentAt',
    'date',
    ['Programare: data și ora', 'Запись: дата и время', 'Appointment: date and time'],
    '2025-03-20T14:30:00+02:00',
  ),
  field(
    'contact.customFields.appointmentPlace',
    'string',
    ['Programare: locul', 'Запись: место', 'Appointment: place'],
    'biroul 204',
    {
      localizedSample: { ru: 'кабинет 204', en: 'office 204' },
    },
  ),
  field('company.name', 'string', ['Companie', 'Компания', 'Company'], 'Livada Verde SRL'),
  field('company.idno', 'string', ['IDNO', 'IDNO', 'IDNO'], '1003600012345'),
  field('company.size', 'string', ['Mărimea companiei', 'Размер компании', 'Company size'], 'micro', {
    localizedSample: { ru: 'микро', en: 'micro' },
  }),
  field('company.sector', 'string', ['Sector', 'Отрасль', 'Sector'], 'Horticultură', {
    localizedSample: { ru: 'Садоводство', en: 'Horticulture' },
  }),
  field('consultation.id', 'string', ['Nr. consultației', '№ консультации', 'Consultation no.'], 'C-2025-0142'),
  field(
    'consultation.title',
    'string',
    ['Subiectul consultației', 'Тема консультации', 'Consultation topic'],
    'Plan de afaceri pentru livadă',
    {
      localizedSample: { ru: 'Бизнес-план для сада', en: 'Business plan for an orchard' },
    },
  ),
  field('consultation.pipeline', 'string', ['Flux', 'Воронка', 'Pipeline'], 'Granturi', {
    localizedSample: { ru: 'Гранты', en: 'Grants' },
  }),
  field('consultation.stage', 'string', ['Etapă', 'Этап', 'Stage'], 'Pregătirea dosarului', {
    localizedSample: { ru: 'Подготовка досье', en: 'Preparing the application' },
  }),
  field(
    'consultation.instruments',
    'string[]',
    ['Instrumente de sprijin', 'Инструменты поддержки', 'Support instruments'],
    ['grant', 'mentorat'],
    {
      localizedSample: { ru: ['грант', 'менторство'], en: ['grant', 'mentoring'] },
    },
  ),
  field('consultation.programApplied', 'string', ['Program accesat', 'Программа', 'Programme applied'], 'PARE 1+1'),
  field('consultation.budget', 'money', ['Buget (MDL)', 'Бюджет (MDL)', 'Budget (MDL)'], 250000),
  field(
    'consultant.fullName',
    'string',
    ['Consultant: nume complet', 'Консультант: полное имя', 'Consultant: full name'],
    'Maria Ceban',
    {
      localizedSample: { ru: 'Мария Чебан' },
    },
  ),
  field(
    'consultant.firstName',
    'string',
    ['Consultant: prenume', 'Консультант: имя', 'Consultant: first name'],
    'Maria',
    { localizedSample: { ru: 'Мария' } },
  ),
  field(
    'consultant.email',
    'email',
    ['Consultant: e-mail', 'Консультант: эл. почта', 'Consultant: e-mail'],
    'maria.ceban@example.md',
  ),
  field(
    'consultant.phone',
    'phone',
    ['Consultant: telefon', 'Консультант: телефон', 'Consultant: phone'],
    '+37322000111',
  ),
  field(
    'consultant.photoUrl',
    'url',
    ['Consultant: fotografie', 'Консультант: фото', 'Consultant: photo'],
    'https://crm.example.md/photos/maria-ceban.jpg',
  ),
  field(
    'consultant.signatureHtml',
    'html',
    ['Consultant: semnătură (HTML)', 'Консультант: подпись (HTML)', 'Consultant: signature (HTML)'],
    'Consultant, Departamentul Granturi<br>tel. +373 22 000 111 · <a href="mailto:maria.ceban@example.md">maria.ceban@example.md</a>',
    {
      trustedHtml: true,
      localizedSample: {
        ru: 'Консультант, отдел грантов<br>тел. +373 22 000 111 · <a href="mailto:maria.ceban@example.md">maria.ceban@example.md</a>',
        en: 'Consultant, Grants Department<br>tel. +373 22 000 111 · <a href="mailto:maria.ceban@example.md">maria.ceban@example.md</a>',
      },
    },
  ),
  field(
    'consultant.signatureText',
    'string',
    ['Consultant: semnătură (text)', 'Консультант: подпись (текст)', 'Consultant: signature (text)'],
    'Consultant, Departamentul Granturi\ntel. +373 22 000 111',
    {
      localizedSample: {
        ru: 'Консультант, отдел грантов\nтел. +373 22 000 111',
        en: 'Consultant, Grants Department\ntel. +373 22 000 111',
      },
    },
  ),
  field(
    'consultant.department',
    'string',
    ['Consultant: departament', 'Консультант: отдел', 'Consultant: department'],
    'Departamentul Granturi',
    {
      localizedSample: { ru: 'Отдел грантов', en: 'Grants Department' },
    },
  ),
  field(
    'centre.name',
    'string',
    ['Centrul: denumire', 'Центр: название', 'Centre: name'],
    'Centrul de Consultanță în Afaceri',
    {
      localizedSample: { ru: 'Центр бизнес-консультирования', en: 'Business Consultation Centre' },
    },
  ),
  field(
    'centre.address',
    'string',
    ['Centrul: adresa', 'Центр: адрес', 'Centre: address'],
    'str. Exemplu 1, Chișinău',
    {
      localizedSample: { ru: 'ул. Пример 1, Кишинёв', en: '1 Exemplu St., Chișinău' },
    },
  ),
  field('centre.phone', 'phone', ['Centrul: telefon', 'Центр: телефон', 'Centre: phone'], '+37322000000'),
  field('centre.website', 'url', ['Centrul: site', 'Центр: сайт', 'Centre: website'], 'https://consultanta.example.md'),
  field(
    'links.unsubscribeUrl',
    'url',
    ['Link de dezabonare', 'Ссылка для отписки', 'Unsubscribe link'],
    'https://crm.example.md/u/sample-token',
  ),
  field(
    'links.trackingPixelUrl',
    'url',
    ['Pixel de deschidere', 'Пиксель открытия', 'Open-tracking pixel'],
    'https://crm.example.md/o/sample-token.gif',
  ),
  field('now', 'date', ['Data curentă', 'Текущая дата', 'Current date'], '2025-03-14T10:30:00+02:00'),
];

const BY_PATH = new Map(MERGE_FIELDS.map((descriptor) => [descriptor.path, descriptor]));
const OBJECT_PATHS = new Set(
  MERGE_FIELDS.flatMap((descriptor) =>
    descriptor.path
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

export function findMergeField(path: string): MergeFieldDescriptor | undefined {
  return BY_PATH.get(path);
}

export interface FieldCheckOptions {
  /** Custom field keys defined in this installation; when given, other `contact.customFields.*` keys are unknown. */
  customFieldKeys?: readonly string[];
}

/** True for catalogue fields, their parent objects (`company`, used in `{{#if company}}`) and custom fields. */
export function isKnownFieldPath(path: string, { customFieldKeys }: FieldCheckOptions = {}): boolean {
  if (BY_PATH.has(path) || OBJECT_PATHS.has(path)) return true;
  if (!path.startsWith(CUSTOM_FIELDS_PREFIX)) return false;
  const key = path.slice(CUSTOM_FIELDS_PREFIX.length).split('.')[0];
  if (key === '') return false;
  return customFieldKeys ? customFieldKeys.includes(key) || BY_PATH.has(`${CUSTOM_FIELDS_PREFIX}${key}`) : true;
}
