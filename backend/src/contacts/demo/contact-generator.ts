/**
 * Deterministic, realistic Moldovan contacts for demo data and benchmarks: Romanian and Russian names, real
 * localities and districts, activity types, tags and consents. Same seed → same contacts; phone numbers are unique
 * for every index below 10 × 1,000,000 (valid MD mobile ranges).
 */

export type GeneratedContact = {
  firstName: string;
  lastName: string;
  displayName: string;
  email: string | null;
  /** E.164 */
  phone: string;
  locality: string;
  district: string;
  activityType: string;
  language: 'ro' | 'ru';
  tags: string[];
  consent: { sms: boolean; email: boolean; messengers: boolean; marketing: boolean; source: string };
  source: string;
};

// prettier-ignore
const ROMANIAN_FIRST = [
  'Ion', 'Vasile', 'Gheorghe', 'Mihai', 'Andrei', 'Alexandru', 'Nicolae', 'Sergiu', 'Victor', 'Dumitru', 'Constantin', 'Vladimir',
  'Igor', 'Petru', 'Radu', 'Dorin', 'Valeriu', 'Iurie', 'Cristian', 'Adrian', 'Maria', 'Elena', 'Ana', 'Natalia', 'Tatiana',
  'Olga', 'Ludmila', 'Svetlana', 'Irina', 'Cristina', 'Mariana', 'Angela', 'Valentina', 'Galina', 'Diana', 'Doina', 'Aurelia',
  'Veronica', 'Corina', 'Daniela', 'Liliana', 'Rodica',
];
// prettier-ignore
const ROMANIAN_LAST = [
  'Popescu', 'Rusu', 'Ceban', 'Ciobanu', 'Lungu', 'Munteanu', 'Moraru', 'Cojocaru', 'Bivol', 'Țurcanu', 'Rotari', 'Sârbu', 'Guțu',
  'Cebotari', 'Bălan', 'Melnic', 'Spînu', 'Croitoru', 'Botnari', 'Grosu', 'Roșca', 'Istrati', 'Ursu', 'Postolachi', 'Moldovan',
  'Plămădeală', 'Vrabie', 'Lupu', 'Negru', 'Pascari', 'Chiriac', 'Donică', 'Golban', 'Nistor', 'Pîrău', 'Railean', 'Sandu',
  'Stratan', 'Tabără', 'Vieru', 'Zgardan', 'Bejenari', 'Casian', 'Dabija', 'Gațcan', 'Harea', 'Jitari', 'Leahu', 'Mârza', 'Ostaf',
];
// prettier-ignore
const RUSSIAN_FIRST = [
  'Сергей', 'Александр', 'Дмитрий', 'Андрей', 'Николай', 'Владимир', 'Игорь', 'Павел', 'Олег', 'Евгений', 'Иван', 'Виктор',
  'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Марина', 'Людмила', 'Галина', 'Юлия', 'Оксана',
];
// prettier-ignore
const RUSSIAN_LAST = [
  'Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Волков', 'Морозов', 'Новиков', 'Федоров', 'Михайлов', 'Соколов', 'Лебедев',
  'Козлов', 'Егоров', 'Павлов', 'Семенов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьев', 'Тарасов', 'Белов', 'Комаров', 'Орлов',
  'Киселев', 'Макаров', 'Андреев', 'Ковальчук', 'Бондаренко', 'Ткаченко', 'Шевченко', 'Кравченко', 'Гайдаржи', 'Топал', 'Чебан',
];
/**
 * The long tail: surname roots × suffixes, as Moldovan surnames are built (Ciob-anu, Cojoc-aru, Pop-escu, Tcaci-uc;
 * Кузнец-ов, Бондар-енко, Ковал-ьчук). With the common names above this gives a Zipf-like spread of several thousand
 * surnames: the most common ones still hold ~1 % of contacts each (as "Rusu" does in the real population), most hold
 * a few hundred per million, so searches and their index costs look like production rather than 85 giant buckets.
 */
// prettier-ignore
const ROMANIAN_ROOTS = [
  'Ababi', 'Afteni', 'Albu', 'Andron', 'Arnăut', 'Babin', 'Bâcl', 'Balt', 'Barbă', 'Bârl', 'Baz', 'Bocan', 'Bodr', 'Bolog', 'Borș',
  'Brad', 'Bran', 'Brum', 'Bucur', 'Bulat', 'Burl', 'Buz', 'Căld', 'Calm', 'Cârc', 'Cazac', 'Cernă', 'Chir', 'Ciob', 'Ciorb',
  'Ciub', 'Codr', 'Cojoc', 'Colț', 'Corn', 'Costin', 'Covaci', 'Crăci', 'Creț', 'Cucu', 'Curc', 'Dascăl', 'Dobr', 'Dogar', 'Drag',
  'Dulg', 'Fărâm', 'Florea', 'Frunz', 'Furtun', 'Gâsc', 'Gheorghi', 'Ghimp', 'Gorb', 'Grec', 'Grigor', 'Hâncu', 'Hâr', 'Hurmuz',
  'Iordan', 'Jalb', 'Lazăr', 'Lisn', 'Lozan', 'Lupaș', 'Macov', 'Malai', 'Mândr', 'Marin', 'Mătc', 'Mihail', 'Mocan', 'Morar',
  'Nastas', 'Neagu', 'Nedel', 'Oprea', 'Pădur', 'Panțâr', 'Pârv', 'Păstr', 'Pâslar', 'Pleșc', 'Podar', 'Pop', 'Prodan', 'Pucic',
  'Răileanu', 'Roman', 'Rus', 'Sârb', 'Scutar', 'Secrier', 'Soltan', 'Stân', 'Stoian', 'Străin', 'Tabac', 'Tănas', 'Tcaci',
  'Timof', 'Toma', 'Tudor', 'Turc', 'Ungur', 'Usat', 'Văcar', 'Vâlc', 'Vasil', 'Verd', 'Vlad', 'Voda', 'Zamfir', 'Zăgan',
];
// prettier-ignore
const ROMANIAN_SUFFIXES = [
  'escu', 'eanu', 'aru', 'anu', 'an', 'ache', 'ciuc', 'iuc', 'uță', 'ică', 'ean', 'ilă', 'oi', 'aș', 'ari', 'ei',
];
// prettier-ignore
const RUSSIAN_ROOTS = [
  'Абрам', 'Алексе', 'Антон', 'Баран', 'Белоус', 'Бондар', 'Борис', 'Быстр', 'Васил', 'Власенк', 'Гаврил', 'Гончар', 'Горбун',
  'Гриц', 'Давыд', 'Демчен', 'Дорош', 'Ершов', 'Жук', 'Зайц', 'Захар', 'Зуб', 'Карп', 'Кирил', 'Климен', 'Ковал', 'Колес',
  'Коротк', 'Кравц', 'Крюч', 'Кудр', 'Кулик', 'Лавр', 'Лис', 'Литвин', 'Мазур', 'Марченк', 'Мельник', 'Мирон', 'Назар', 'Нестер',
  'Олейн', 'Панкрат', 'Пасечн', 'Пономар', 'Прокоп', 'Радчен', 'Рудн', 'Савч', 'Сидор', 'Скоробогат', 'Степан', 'Стрельц', 'Тимош',
  'Ткач', 'Устин', 'Фомин', 'Харит', 'Цыган', 'Черн', 'Шапар', 'Шевел', 'Щерб', 'Юрчен', 'Яковл', 'Ярош',
];
const RUSSIAN_SUFFIXES = ['ов', 'ев', 'ин', 'енко', 'ук', 'чук', 'ский', 'ович', 'ко', 'ец'];
// prettier-ignore
const ROMANIAN_FIRST_EXTRA = [
  'Eugen', 'Ghenadie', 'Grigore', 'Emil', 'Octavian', 'Marin', 'Tudor', 'Ștefan', 'Vitalie', 'Anatol', 'Veaceslav', 'Oleg',
  'Pavel', 'Leonid', 'Vadim', 'Artur', 'Marcel', 'Iulian', 'Silviu', 'Ruslan', 'Eugenia', 'Lilia', 'Silvia', 'Nina', 'Zinaida',
  'Larisa', 'Stela', 'Viorica', 'Aliona', 'Ecaterina', 'Alexandra', 'Ina', 'Nadejda', 'Lucia', 'Iuliana', 'Carolina', 'Adriana',
  'Felicia',
];
// prettier-ignore
const RUSSIAN_FIRST_EXTRA = [
  'Алексей', 'Максим', 'Михаил', 'Роман', 'Антон', 'Артём', 'Денис', 'Юрий', 'Вадим', 'Григорий', 'Константин', 'Леонид', 'Мария',
  'Екатерина', 'Валентина', 'Алла', 'Вера', 'Нина', 'Лариса', 'Жанна', 'Дарья', 'Ксения', 'Надежда', 'Зинаида',
];
// prettier-ignore
const FEMININE_FIRST = new Set([
  'Maria', 'Elena', 'Ana', 'Natalia', 'Tatiana', 'Olga', 'Ludmila', 'Svetlana', 'Irina', 'Cristina', 'Mariana', 'Angela',
  'Valentina', 'Galina', 'Diana', 'Doina', 'Aurelia', 'Veronica', 'Corina', 'Daniela', 'Liliana', 'Rodica', 'Eugenia', 'Lilia',
  'Silvia', 'Nina', 'Zinaida', 'Larisa', 'Stela', 'Viorica', 'Aliona', 'Ecaterina', 'Alexandra', 'Ina', 'Nadejda', 'Lucia',
  'Iuliana', 'Carolina', 'Adriana', 'Felicia', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Марина',
  'Людмила', 'Галина', 'Юлия', 'Оксана', 'Мария', 'Екатерина', 'Валентина', 'Алла', 'Вера', 'Нина', 'Лариса', 'Жанна', 'Дарья',
  'Ксения', 'Надежда', 'Зинаида',
]);
const ROMANIAN_FIRST_ALL = [...ROMANIAN_FIRST, ...ROMANIAN_FIRST_EXTRA];
const RUSSIAN_FIRST_ALL = [...RUSSIAN_FIRST, ...RUSSIAN_FIRST_EXTRA];

export const DEMO_LOCALITIES = [
  { locality: 'Chișinău', district: 'mun. Chișinău', weight: 30 },
  { locality: 'Bălți', district: 'mun. Bălți', weight: 10 },
  { locality: 'Cahul', district: 'Cahul', weight: 6 },
  { locality: 'Orhei', district: 'Orhei', weight: 6 },
  { locality: 'Ungheni', district: 'Ungheni', weight: 5 },
  { locality: 'Comrat', district: 'UTA Găgăuzia', weight: 5 },
  { locality: 'Soroca', district: 'Soroca', weight: 4 },
  { locality: 'Edineț', district: 'Edineț', weight: 3 },
  { locality: 'Hîncești', district: 'Hîncești', weight: 3 },
  { locality: 'Strășeni', district: 'Strășeni', weight: 3 },
  { locality: 'Căușeni', district: 'Căușeni', weight: 3 },
  { locality: 'Florești', district: 'Florești', weight: 2 },
  { locality: 'Ialoveni', district: 'Ialoveni', weight: 3 },
  { locality: 'Cimișlia', district: 'Cimișlia', weight: 2 },
] as const;

// prettier-ignore
export const DEMO_ACTIVITY_TYPES = [
  'agricultură', 'IT', 'comerț', 'HoReCa', 'producție', 'servicii', 'construcții', 'transport', 'turism rural',
] as const;
// prettier-ignore
const TAGS = [
  'start-up', 'grant', 'export', 'femei-antreprenoare', 'tineri', 'diaspora', 'digitalizare', 'eveniment-2026', 'mentorat', 'agro',
];
const SOURCES = ['call', 'manual', 'telegram', 'landing', 'event', 'viber', 'import'];
const MAIL_DOMAINS = ['gmail.com', 'mail.ru', 'yahoo.com', 'mail.md', 'outlook.com'];
const MOBILE_PREFIXES = ['60', '62', '67', '68', '69', '78', '79', '76', '71', '61'];

/** mulberry32: a tiny seeded PRNG, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Skewed towards the front of the list: a few very common names (the first ~2 % of contacts), a long tail of rare ones. */
const pickSkewed = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() ** 1.5 * items.length)];

/** Four in ten from the common surnames, the rest root × suffix (Russian feminine forms are applied later). */
function surnameOf(random: () => number, russian: boolean): string {
  if (random() < 0.4) return pickSkewed(random, russian ? RUSSIAN_LAST : ROMANIAN_LAST);
  const root = pickSkewed(random, russian ? RUSSIAN_ROOTS : ROMANIAN_ROOTS);
  return root + pick(random, russian ? RUSSIAN_SUFFIXES : ROMANIAN_SUFFIXES);
}

function weighted<T extends { weight: number }>(random: () => number, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random() * total;
  for (const item of items) if ((roll -= item.weight) < 0) return item;
  return items[items.length - 1];
}

/** Unique for index < 10,000,000: the prefix cycles, the subscriber part is a permutation of index / 10. */
export function demoPhoneOf(index: number): string {
  const prefix = MOBILE_PREFIXES[index % MOBILE_PREFIXES.length];
  const subscriber = (Math.floor(index / MOBILE_PREFIXES.length) * 7_919 + 104_729) % 1_000_000;
  return `+373${prefix}${String(subscriber).padStart(6, '0')}`;
}

const LATIN: Record<string, string> = {
  ă: 'a',
  â: 'a',
  î: 'i',
  ș: 's',
  ş: 's',
  ț: 't',
  ţ: 't',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ы: 'y',
  ь: '',
  ъ: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};
const latin = (text: string) =>
  [...text.toLowerCase()]
    .map((c) => LATIN[c] ?? c)
    .join('')
    .replace(/[^a-z]/g, '');

function feminineRussian(lastName: string): string {
  if (lastName.endsWith('ский')) return `${lastName.slice(0, -2)}ая`;
  return /(ов|ев|ин)$/.test(lastName) ? `${lastName}а` : lastName;
}

/** The `index`-th contact of the `seed` series (stable: index i is the same whatever N is). */
export function generateContact(index: number, seed = 2026): GeneratedContact {
  const random = seededRandom(seed * 1_000_003 + index);
  const russian = random() < 0.3;
  const firstName = pickSkewed(random, russian ? RUSSIAN_FIRST_ALL : ROMANIAN_FIRST_ALL);
  const baseLast = surnameOf(random, russian);
  const lastName = russian && FEMININE_FIRST.has(firstName) ? feminineRussian(baseLast) : baseLast;
  const place = weighted(random, DEMO_LOCALITIES);
  const tags = TAGS.filter(() => random() < 0.15);
  const marketing = random() < 0.6;
  const source = pick(random, SOURCES);
  return {
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    email: random() < 0.7 ? `${latin(firstName)}.${latin(lastName)}${index}@${pick(random, MAIL_DOMAINS)}` : null,
    phone: demoPhoneOf(index),
    locality: place.locality,
    district: place.district,
    activityType: pick(random, DEMO_ACTIVITY_TYPES),
    language: russian ? 'ru' : 'ro',
    tags,
    consent: {
      sms: random() < 0.8,
      email: random() < 0.6,
      messengers: random() < 0.7,
      marketing,
      source: 'formular de consimțământ',
    },
    source,
  };
}

/** `count` contacts starting at `from`. */
export function* generateContacts(count: number, seed = 2026, from = 0): Generator<GeneratedContact> {
  for (let i = from; i < from + count; i++) yield generateContact(i, seed);
}

/** A search a consultant might type for contact `index`: the surname, or first name and surname, often with a typo. */
export function demoSearchQuery(index: number, seed = 2026): string {
  const contact = generateContact(index, seed);
  const random = seededRandom(seed * 7 + index);
  const surname = random() < 0.5 ? withTypo(contact.lastName, random) : contact.lastName;
  return random() < 0.5 ? `${contact.firstName} ${surname}` : surname;
}

function withTypo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, at) + word.slice(at + 1);
}
