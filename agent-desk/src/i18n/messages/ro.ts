/** Romanian — the default language and the source of the message keys (ru.ts and en.ts must match it). */
const ro = {
  app: { name: 'Consult CRM', tagline: 'Biroul consultantului', skipToContent: 'Salt la conținut' },
  nav: { main: 'Navigare principală', home: 'Acasă', inbox: 'Mesaje', calls: 'Apeluri', contacts: 'Beneficiari', pipelines: 'Consultații', tasks: 'Sarcini', logout: 'Ieșire', account: 'Contul meu', language: 'Limba' },
  language: { ro: 'Română', ru: 'Русский', en: 'English' },
  roles: { admin: 'Administrator', supervisor: 'Supervizor', consultant: 'Consultant', marketer: 'Marketing' },
  realtime: { connected: 'Conectat în timp real', connecting: 'Se conectează…', disconnected: 'Deconectat — reîncercăm' },
  common: {
    save: 'Salvează', cancel: 'Anulează', close: 'Închide', retry: 'Reîncearcă', loading: 'Se încarcă…', search: 'Caută',
    open: 'Deschide', add: 'Adaugă', back: 'Înapoi', none: '—', error: 'Ceva nu a mers bine.', networkError: 'Serverul nu răspunde. Verificați conexiunea și reîncercați.',
    notAvailable: 'Această secțiune nu este încă disponibilă pe server.', saved: 'Salvat', required: 'Câmp obligatoriu',
  },
  login: {
    title: 'Autentificare', subtitle: 'Intrați în contul de consultant', email: 'E-mail', password: 'Parolă', submit: 'Intră',
    emailRequired: 'Introduceți adresa de e-mail.', passwordRequired: 'Introduceți parola.', invalid: 'E-mailul sau parola nu sunt corecte.',
    showPassword: 'Arată parola', hidePassword: 'Ascunde parola',
  },
  home: {
    greeting: 'Bună, {name}!', summary: 'Iată ce aveți de făcut azi.', today: 'Sarcinile de azi', overdue: 'Restante',
    withoutTask: 'Consultații fără sarcină', missedCalls: 'Apeluri pierdute de returnat', noToday: 'Nicio sarcină pentru azi.',
    noOverdue: 'Nimic restant. Bravo!', allHaveTasks: 'Toate consultațiile active au o sarcină următoare.', noMissed: 'Niciun apel pierdut.',
    callBack: 'Sună înapoi', setTask: 'Setează sarcina',
  },
  blockers: {
    title: 'Setați următoarea sarcină', prompt: 'Setați o sarcină următoare pentru fiecare consultație activă înainte de a continua.',
    remaining: 'Consultații fără sarcină: {n}', banner: 'Aveți consultații active fără sarcină următoare.', review: 'Rezolvă acum',
  },
  contacts: {
    title: 'Beneficiari', searchLabel: 'Caută beneficiari', searchPlaceholder: 'Nume, telefon, e-mail, IDNO…', noResults: 'Niciun beneficiar găsit.',
    startTyping: 'Scrieți cel puțin 2 caractere pentru a căuta.', phones: 'Telefoane', tags: 'Etichete', cards: 'Consultații',
    noPhones: 'Niciun telefon', noTags: 'Fără etichete', noCards: 'Nicio consultație', notFound: 'Beneficiarul nu a fost găsit.',
    groups: { personal: 'Date personale', activity: 'Localitate și activitate', consent: 'Consimțământ', custom: 'Câmpuri suplimentare', notes: 'Note' },
    fields: {
      firstName: 'Prenume', lastName: 'Nume', email: 'E-mail', language: 'Limba preferată', locality: 'Localitate', district: 'Raion',
      activityType: 'Tip de activitate', company: 'Întreprindere', source: 'Sursa', sms: 'SMS', emailConsent: 'E-mail', messengers: 'Mesagerie', marketing: 'Marketing',
    },
  },
  timeline: {
    title: 'Istoric', empty: 'Încă nu există activitate.', loadingMore: 'Se încarcă mai multe…', end: 'Începutul istoricului',
    kinds: {
      note: 'Notă', task_created: 'Sarcină creată', task_closed: 'Sarcină închisă', stage_changed: 'Etapă schimbată', card_created: 'Consultație creată',
      call: 'Apel', message_in: 'Mesaj primit', message_out: 'Mesaj trimis', email_in: 'E-mail primit', email_out: 'E-mail trimis',
      email_opened: 'E-mail deschis', contact_created: 'Beneficiar creat', contact_merged: 'Beneficiari uniți', field_changed: 'Câmp modificat', other: 'Eveniment',
    },
  },
  pipelines: {
    title: 'Consultații', choose: 'Pâlnie', empty: 'Nu există încă pâlnii de consultații.', emptyColumn: 'Trageți o consultație aici',
    moveTo: 'Mută în etapa…', moveLabel: 'Mută „{title}” în altă etapă', requiredMissing: 'Completați câmpurile obligatorii pentru etapa „{stage}”',
    fillAndMove: 'Salvează și mută', moved: 'Mutată în „{stage}”', cards: '{n} consultații', dismiss: 'Ascunde',
  },
  card: {
    builtin: { instruments: 'Instrumente', budget: 'Buget (MDL)', programApplied: 'Program aplicat', companyId: 'Întreprindere', responsibleUserId: 'Responsabil' },
    stageAge: 'în etapă de {days} z', openCard: 'Deschide consultația', closedBadge: 'Închisă',
    notFound: 'Consultația nu a fost găsită.', overview: 'Detalii', fields: 'Câmpuri', contact: 'Beneficiar', pipeline: 'Pâlnie', stage: 'Etapă',
    responsible: 'Responsabil', instruments: 'Instrumente de sprijin', notes: 'Note', addNote: 'Adaugă nota', notePlaceholder: 'Ce s-a discutat…',
    noteSaved: 'Nota a fost salvată.', noFields: 'Niciun câmp completat.', instrumentsSaved: 'Instrumentele au fost actualizate.',
  },
  tasks: {
    title: 'Sarcini', today: 'Azi', overdue: 'Restante', upcoming: 'Următoarele', all: 'Toate', new: 'Sarcină nouă', subtasks: 'Subsarcini',
    addSubtask: 'Adaugă subsarcină', titleLabel: 'Ce trebuie făcut', titlePlaceholder: 'de ex. Sună pentru documentele de grant', dueAt: 'Termen',
    close: 'Închide sarcina', closeTitle: 'Închide sarcina „{title}”', result: 'Rezultat', resultPlaceholder: 'Ce s-a obținut? (obligatoriu)',
    resultRequired: 'Scrieți rezultatul pentru a închide sarcina.', closed: 'Sarcina a fost închisă.', created: 'Sarcina a fost creată.',
    none: 'Nicio sarcină aici.', due: 'Termen: {when}', overdueBadge: 'Restantă', done: 'Închisă', forCard: 'Consultație', nextTask: 'Sarcina următoare',
  },
  screenPop: {
    incoming: 'Apel de intrare', to: 'către {did}', unknown: 'Număr necunoscut', newBeneficiary: 'Beneficiar nou', openCards: 'Consultații deschise',
    noOpenCards: 'Nicio consultație deschisă.', lastInteractions: 'Ultimele interacțiuni', lastConsultant: 'Ultimul consultant', openContact: 'Fișa beneficiarului',
    actOn: 'Lucrați pe consultația', instruments: 'Instrumente', note: 'Notă din apel', saveNote: 'Salvează nota', nextTask: 'Sarcina următoare',
    saveTask: 'Setează sarcina', created: 'Beneficiarul a fost creat.', ended: 'Apelul s-a încheiat.', minimize: 'Ascunde fereastra apelului', phone: 'Telefon',
    taskSaved: 'Sarcina a fost setată.', createTitle: 'Creează beneficiarul',
  },
  inbox: {
    title: 'Mesaje', list: 'Conversații', empty: 'Nicio conversație aici.', pick: 'Alegeți o conversație din listă.', loadMore: 'Mai multe conversații',
    olderMessages: 'Mesaje mai vechi', noMessages: 'Încă nu există mesaje.', notFound: 'Conversația nu a fost găsită.', back: 'Înapoi la conversații',
    filters: {
      label: 'Filtre', channel: 'Canal', allChannels: 'Toate canalele', assignee: 'Responsabil', anyone: 'Oricine', me: 'Ale mele', none: 'Neatribuite',
      unread: 'Necitite', status: 'Stare', open: 'Deschise', closed: 'Închise',
    },
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber', messenger: 'Messenger', instagram: 'Instagram', sms: 'SMS', webchat: 'Chat pe site', email: 'E-mail' },
    unreadCount: '{n} necitite', typingVisitor: 'scrie…', typingAgent: '{name} scrie…', you: 'Dvs.', closedBadge: 'Închisă', unassigned: 'Neatribuită',
    assignTo: 'Atribuie', assignMe: 'Preiau eu', assigned: 'Conversația a fost atribuită.', close: 'Închide conversația', reopen: 'Redeschide',
    closedDone: 'Conversația a fost închisă.', reopened: 'Conversația a fost redeschisă.', openContact: 'Fișa beneficiarului', openCard: 'Consultația',
    composer: {
      label: 'Răspuns', placeholder: 'Scrieți un răspuns…', keys: 'Enter trimite, Shift+Enter începe un rând nou.', send: 'Trimite', attach: 'Atașează fișiere',
      remove: 'Elimină {name}', uploading: 'Se încarcă {name}…', tooLarge: '{name} depășește 25 MB.', closedHint: 'Conversația este închisă. Redeschideți-o pentru a răspunde.',
    },
    status: { received: 'Primit', queued: 'În așteptare', sent: 'Trimis', delivered: 'Livrat', read: 'Citit', failed: 'Netrimis' },
    attachment: { voice: 'Mesaj vocal', download: 'Descarcă {name}', file: 'Fișier', notStored: 'Fișierul nu a putut fi preluat.' },
  },
  calls: {
    title: 'Apeluri', filters: 'Filtre apeluri', from: 'De la', to: 'Până la', consultant: 'Consultant', everyone: 'Toți consultanții', show: 'Afișează',
    views: { all: 'Toate', answered: 'Preluate', unanswered: 'Nepreluate', not_called_back: 'Pierdute, nereturnate' },
    badPeriod: 'Alegeți o perioadă: data de început nu poate fi după cea de sfârșit.', none: 'Niciun apel în această perioadă.',
    range: '{from}–{to} din {total} apeluri', previous: 'Anterioarele', next: 'Următoarele', downloadZip: 'Descarcă înregistrările (ZIP)',
    listen: 'Ascultă', hide: 'Ascunde', wait: 'Așteptare', talk: 'Convorbire', calledBack: 'returnat', notCalledBack: 'nereturnat',
    direction: { inbound: 'De intrare', outbound: 'De ieșire', internal: 'Intern' },
    status: {
      ringing: 'Sună', 'in-progress': 'În curs', answered: 'Preluat', missed: 'Pierdut', abandoned: 'Abandonat', voicemail: 'Mesaj vocal', busy: 'Ocupat',
      failed: 'Eșuat', transferred: 'Transferat',
    },
    recording: {
      label: 'Înregistrarea apelului', unavailable: 'Înregistrarea nu este (încă) disponibilă.', back10: 'Înapoi 10 secunde', forward10: 'Înainte 10 secunde',
      speed: 'Viteză de redare {rate}×', download: 'Descarcă înregistrarea',
    },
    call: 'Sună', dialing: 'Se formează {number}… Răspundeți la telefonul dvs.',
  },
  toast: { taskAssigned: 'Sarcină nouă: {title}', taskAssignedBy: 'atribuită de {name}', sessionExpired: 'Sesiunea a expirat. Autentificați-vă din nou.' },
  notFound: { title: 'Pagina nu există', home: 'Mergi acasă' },
};
export default ro;
export type MessageSchema = typeof ro;
