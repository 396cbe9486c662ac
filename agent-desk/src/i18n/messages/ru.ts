import type { MessageSchema } from './ro';

const ru: MessageSchema = {
  app: { name: 'Consult CRM', tagline: 'Рабочее место консультанта', skipToContent: 'Перейти к содержимому' },
  nav: { main: 'Основная навигация', home: 'Главная', inbox: 'Сообщения', calls: 'Звонки', contacts: 'Бенефициары', pipelines: 'Консультации', tasks: 'Задачи', logout: 'Выйти', account: 'Мой профиль', language: 'Язык' },
  language: { ro: 'Română', ru: 'Русский', en: 'English' },
  roles: { admin: 'Администратор', supervisor: 'Супервизор', consultant: 'Консультант', marketer: 'Маркетинг' },
  realtime: { connected: 'Подключено', connecting: 'Подключение…', disconnected: 'Нет связи — переподключаемся' },
  common: {
    save: 'Сохранить', cancel: 'Отмена', close: 'Закрыть', retry: 'Повторить', loading: 'Загрузка…', search: 'Поиск',
    open: 'Открыть', add: 'Добавить', back: 'Назад', none: '—', error: 'Что-то пошло не так.', networkError: 'Сервер не отвечает. Проверьте соединение и повторите.',
    notAvailable: 'Этот раздел пока недоступен на сервере.', saved: 'Сохранено', required: 'Обязательное поле',
  },
  login: {
    title: 'Вход', subtitle: 'Войдите в учётную запись консультанта', email: 'E-mail', password: 'Пароль', submit: 'Войти',
    emailRequired: 'Введите адрес e-mail.', passwordRequired: 'Введите пароль.', invalid: 'Неверный e-mail или пароль.',
    showPassword: 'Показать пароль', hidePassword: 'Скрыть пароль',
  },
  home: {
    greeting: 'Здравствуйте, {name}!', summary: 'Вот что нужно сделать сегодня.', today: 'Задачи на сегодня', overdue: 'Просроченные',
    withoutTask: 'Консультации без задачи', missedCalls: 'Пропущенные звонки', noToday: 'На сегодня задач нет.',
    noOverdue: 'Просроченных нет. Отлично!', allHaveTasks: 'У всех активных консультаций есть следующая задача.', noMissed: 'Пропущенных звонков нет.',
    callBack: 'Перезвонить', setTask: 'Поставить задачу',
  },
  blockers: {
    title: 'Поставьте следующую задачу', prompt: 'Поставьте следующую задачу для каждой активной консультации, прежде чем продолжить.',
    remaining: 'Консультаций без задачи: {n}', banner: 'Есть активные консультации без следующей задачи.', review: 'Исправить',
  },
  contacts: {
    title: 'Бенефициары', searchLabel: 'Поиск бенефициаров', searchPlaceholder: 'Имя, телефон, e-mail, IDNO…', noResults: 'Бенефициары не найдены.',
    startTyping: 'Введите не менее 2 символов для поиска.', phones: 'Телефоны', tags: 'Метки', cards: 'Консультации',
    noPhones: 'Нет телефонов', noTags: 'Без меток', noCards: 'Нет консультаций', notFound: 'Бенефициар не найден.',
    groups: { personal: 'Личные данные', activity: 'Населённый пункт и деятельность', consent: 'Согласия', custom: 'Дополнительные поля', notes: 'Заметки' },
    fields: {
      firstName: 'Имя', lastName: 'Фамилия', email: 'E-mail', language: 'Язык общения', locality: 'Населённый пункт', district: 'Район',
      activityType: 'Вид деятельности', company: 'Предприятие', source: 'Источник', sms: 'SMS', emailConsent: 'E-mail', messengers: 'Мессенджеры', marketing: 'Маркетинг',
    },
  },
  timeline: {
    title: 'История', empty: 'Пока нет активности.', loadingMore: 'Загружаем ещё…', end: 'Начало истории',
    kinds: {
      note: 'Заметка', task_created: 'Задача создана', task_closed: 'Задача закрыта', stage_changed: 'Этап изменён', card_created: 'Консультация создана',
      call: 'Звонок', message_in: 'Входящее сообщение', message_out: 'Исходящее сообщение', email_in: 'Входящее письмо', email_out: 'Исходящее письмо',
      email_opened: 'Письмо открыто', contact_created: 'Бенефициар создан', contact_merged: 'Бенефициары объединены', field_changed: 'Поле изменено', other: 'Событие',
    },
  },
  pipelines: {
    title: 'Консультации', choose: 'Воронка', empty: 'Воронок консультаций пока нет.', emptyColumn: 'Перетащите консультацию сюда',
    moveTo: 'Переместить на этап…', moveLabel: 'Переместить «{title}» на другой этап', requiredMissing: 'Заполните обязательные поля для этапа «{stage}»',
    fillAndMove: 'Сохранить и переместить', moved: 'Перемещено в «{stage}»', cards: 'консультаций: {n}', dismiss: 'Скрыть',
  },
  card: {
    builtin: { instruments: 'Инструменты', budget: 'Бюджет (MDL)', programApplied: 'Программа', companyId: 'Предприятие', responsibleUserId: 'Ответственный' },
    stageAge: 'на этапе {days} дн.', openCard: 'Открыть консультацию', closedBadge: 'Закрыта',
    notFound: 'Консультация не найдена.', overview: 'Детали', fields: 'Поля', contact: 'Бенефициар', pipeline: 'Воронка', stage: 'Этап',
    responsible: 'Ответственный', instruments: 'Инструменты поддержки', notes: 'Заметки', addNote: 'Добавить заметку', notePlaceholder: 'О чём говорили…',
    noteSaved: 'Заметка сохранена.', noFields: 'Поля не заполнены.', instrumentsSaved: 'Инструменты обновлены.',
  },
  tasks: {
    title: 'Задачи', today: 'Сегодня', overdue: 'Просроченные', upcoming: 'Предстоящие', all: 'Все', new: 'Новая задача', subtasks: 'Подзадачи',
    addSubtask: 'Добавить подзадачу', titleLabel: 'Что нужно сделать', titlePlaceholder: 'напр. Позвонить насчёт документов на грант', dueAt: 'Срок',
    close: 'Закрыть задачу', closeTitle: 'Закрыть задачу «{title}»', result: 'Результат', resultPlaceholder: 'Чего удалось добиться? (обязательно)',
    resultRequired: 'Укажите результат, чтобы закрыть задачу.', closed: 'Задача закрыта.', created: 'Задача создана.',
    none: 'Здесь задач нет.', due: 'Срок: {when}', overdueBadge: 'Просрочена', done: 'Закрыта', forCard: 'Консультация', nextTask: 'Следующая задача',
  },
  screenPop: {
    incoming: 'Входящий звонок', to: 'на {did}', unknown: 'Неизвестный номер', newBeneficiary: 'Новый бенефициар', openCards: 'Открытые консультации',
    noOpenCards: 'Открытых консультаций нет.', lastInteractions: 'Последние контакты', lastConsultant: 'Последний консультант', openContact: 'Карточка бенефициара',
    actOn: 'Работаем с консультацией', instruments: 'Инструменты', note: 'Заметка по звонку', saveNote: 'Сохранить заметку', nextTask: 'Следующая задача',
    saveTask: 'Поставить задачу', created: 'Бенефициар создан.', ended: 'Звонок завершён.', minimize: 'Скрыть окно звонка', phone: 'Телефон',
    taskSaved: 'Задача поставлена.', createTitle: 'Создать бенефициара',
  },
  inbox: {
    title: 'Сообщения', list: 'Диалоги', empty: 'Здесь нет диалогов.', pick: 'Выберите диалог из списка.', loadMore: 'Ещё диалоги',
    olderMessages: 'Более ранние сообщения', noMessages: 'Сообщений пока нет.', notFound: 'Диалог не найден.', back: 'Назад к диалогам',
    filters: {
      label: 'Фильтры', channel: 'Канал', allChannels: 'Все каналы', assignee: 'Ответственный', anyone: 'Любой', me: 'Мои', none: 'Без ответственного',
      unread: 'Непрочитанные', status: 'Статус', open: 'Открытые', closed: 'Закрытые',
    },
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber', messenger: 'Messenger', instagram: 'Instagram', sms: 'SMS', webchat: 'Чат на сайте', email: 'E-mail' },
    unreadCount: 'непрочитанных: {n}', typingVisitor: 'печатает…', typingAgent: '{name} печатает…', you: 'Вы', closedBadge: 'Закрыт', unassigned: 'Не назначен',
    assignTo: 'Назначить', assignMe: 'Беру себе', assigned: 'Диалог назначен.', close: 'Закрыть диалог', reopen: 'Открыть снова',
    closedDone: 'Диалог закрыт.', reopened: 'Диалог снова открыт.', openContact: 'Карточка бенефициара', openCard: 'Консультация',
    composer: {
      label: 'Ответ', placeholder: 'Напишите ответ…', keys: 'Enter — отправить, Shift+Enter — новая строка.', send: 'Отправить', attach: 'Прикрепить файлы',
      remove: 'Убрать {name}', uploading: 'Загружается {name}…', tooLarge: '{name} больше 25 МБ.', closedHint: 'Диалог закрыт. Откройте его снова, чтобы ответить.',
    },
    status: { received: 'Получено', queued: 'В очереди', sent: 'Отправлено', delivered: 'Доставлено', read: 'Прочитано', failed: 'Не отправлено' },
    attachment: { voice: 'Голосовое сообщение', download: 'Скачать {name}', file: 'Файл', notStored: 'Файл не удалось получить.' },
  },
  calls: {
    title: 'Звонки', filters: 'Фильтры звонков', from: 'С', to: 'По', consultant: 'Консультант', everyone: 'Все консультанты', show: 'Показать',
    views: { all: 'Все', answered: 'Принятые', unanswered: 'Непринятые', not_called_back: 'Пропущенные, без перезвона' },
    badPeriod: 'Выберите период: дата начала не может быть позже даты окончания.', none: 'За этот период звонков нет.',
    range: '{from}–{to} из {total} звонков', previous: 'Предыдущие', next: 'Следующие', downloadZip: 'Скачать записи (ZIP)',
    listen: 'Слушать', hide: 'Скрыть', wait: 'Ожидание', talk: 'Разговор', calledBack: 'перезвонили', notCalledBack: 'не перезвонили',
    direction: { inbound: 'Входящий', outbound: 'Исходящий', internal: 'Внутренний' },
    status: {
      ringing: 'Звонит', 'in-progress': 'Идёт', answered: 'Принят', missed: 'Пропущен', abandoned: 'Брошен', voicemail: 'Голосовая почта', busy: 'Занято',
      failed: 'Ошибка', transferred: 'Переведён',
    },
    recording: {
      label: 'Запись звонка', unavailable: 'Запись (пока) недоступна.', back10: 'Назад на 10 секунд', forward10: 'Вперёд на 10 секунд',
      speed: 'Скорость воспроизведения {rate}×', download: 'Скачать запись',
    },
    call: 'Позвонить', dialing: 'Набираем {number}… Ответьте на свой телефон.',
  },
  toast: { taskAssigned: 'Новая задача: {title}', taskAssignedBy: 'назначил(а) {name}', sessionExpired: 'Сессия истекла. Войдите снова.' },
  notFound: { title: 'Страница не найдена', home: 'На главную' },
};
export default ru;
