/** Reply templates in the inbox composer — Romanian, the source of the keys. */
const replyTemplates = {
  open: 'Șabloane',
  openHint: 'Inserează un șablon de răspuns',
  search: 'Caută un șablon',
  list: 'Șabloane pentru acest canal',
  empty: 'Niciun șablon activ pentru acest canal.',
  noMatch: 'Niciun șablon nu se potrivește căutării.',
  rendering: 'Se completează „{name}” cu datele contactului…',
  missing: 'Fără valoare în șablon: {fields}. Completați textul înainte de a-l trimite.',
  cannotRender: 'Șablonul nu poate fi folosit: {reason}',
  keys: 'Săgețile sus/jos aleg, Enter inserează, Esc închide.',
};
export default replyTemplates;
export type ReplyTemplatesMessages = typeof replyTemplates;
