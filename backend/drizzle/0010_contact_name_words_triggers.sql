-- Custom migration: keeps contact_name_words (the fuzzy search's word dictionary) filled from contacts.display_name.
-- The words are split exactly as contacts_name_words_idx splits them: string_to_array(lower(display_name), ' ').
-- Words with digits (phone numbers shown as names) are left out: a query that looks like a number searches phones.
-- Inserts: one statement-level trigger per INSERT (a 5,000-row import adds its words in one statement).
-- Updates: a row trigger only when the display name really changes. Words are added in sorted order, so two
-- transactions adding the same new words wait for each other instead of deadlocking.
CREATE FUNCTION contact_name_words_from_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_name_words (word)
  SELECT DISTINCT w FROM inserted_contacts, unnest(string_to_array(lower(inserted_contacts.display_name), ' ')) AS w
  WHERE w <> '' AND w !~ '[0-9]' ORDER BY 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION contact_name_words_from_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_name_words (word)
  SELECT DISTINCT w FROM unnest(string_to_array(lower(NEW.display_name), ' ')) AS w
  WHERE w <> '' AND w !~ '[0-9]' ORDER BY 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_name_words_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS inserted_contacts FOR EACH STATEMENT EXECUTE FUNCTION contact_name_words_from_inserted();
--> statement-breakpoint
CREATE TRIGGER contacts_name_words_rename AFTER UPDATE OF display_name ON contacts
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION contact_name_words_from_renamed();
--> statement-breakpoint
INSERT INTO contact_name_words (word)
SELECT DISTINCT w FROM contacts, unnest(string_to_array(lower(contacts.display_name), ' ')) AS w
WHERE w <> '' AND w !~ '[0-9]' ORDER BY 1
ON CONFLICT DO NOTHING;
