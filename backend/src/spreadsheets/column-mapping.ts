/** "Prénume", "E-mail", "Consimțământ SMS" → "prenume", "email", "consimtamantsms": how headers are compared. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]/gu, '');
}

/** Which column holds each field, by header synonyms (Romanian, English, Russian); unknown headers are listed. */
export function mapColumns<F extends string>(
  headers: string[],
  synonyms: Record<F, readonly string[]>,
): { columns: Partial<Record<F, number>>; unknown: string[] } {
  const byKey = new Map<string, F>();
  for (const [field, names] of Object.entries(synonyms) as [F, readonly string[]][])
    for (const name of names) byKey.set(headerKey(name), field);
  const columns: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  headers.forEach((header, index) => {
    const field = byKey.get(headerKey(header));
    if (field && columns[field] === undefined) columns[field] = index;
    else if (!field && header.trim()) unknown.push(header);
  });
  return { columns, unknown };
}

/** The row's cells by field name (trimmed; empty cells are absent). */
export function rowRecord<F extends string>(
  row: string[],
  columns: Partial<Record<F, number>>,
): Partial<Record<F, string>> {
  const record: Partial<Record<F, string>> = {};
  for (const [field, index] of Object.entries(columns) as [F, number][]) {
    const value = (row[index] ?? '').trim();
    if (value) record[field] = value;
  }
  return record;
}

/** "da", "yes", "1", "true", "x" → true; "nu", "no", "0", "false" → false; anything else → undefined. */
export function parseYesNo(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const key = headerKey(value);
  if (['da', 'yes', 'y', '1', 'true', 'x', 'да'].includes(key)) return true;
  if (['nu', 'no', 'n', '0', 'false', 'нет'].includes(key)) return false;
  return undefined;
}
