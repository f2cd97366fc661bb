ALTER TABLE notes_note ADD COLUMN author VARCHAR(100);
CREATE INDEX notes_note_author ON notes_note (author);
