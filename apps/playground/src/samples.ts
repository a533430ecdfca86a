/** Sample databases (scripts that build one) and queries to start from. */

export interface Sample {
  label: string;
  sql: string;
  /** Run it at once (a database builder) rather than only put it in the editor. */
  run: boolean;
}

const PETS = `-- A small database of pets and their owners.
DROP TABLE IF EXISTS pets;
DROP TABLE IF EXISTS owners;
CREATE TABLE owners(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  city TEXT
);
CREATE TABLE pets(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  species TEXT NOT NULL,
  born INTEGER,
  weight_kg REAL,
  owner_id INTEGER REFERENCES owners(id),
  photo BLOB
);
CREATE INDEX pets_species ON pets(species);
CREATE INDEX pets_owner ON pets(owner_id, born);
INSERT INTO owners(name, city) VALUES ('Ada', 'London'), ('Grace', 'Arlington'), ('Linus', NULL);
INSERT INTO pets(name, species, born, weight_kg, owner_id, photo) VALUES
  ('Rex', 'dog', 2016, 31.5, 1, x'89504E470D0A1A0A'),
  ('Tom', 'cat', 2019, 4.2, 2, NULL),
  ('Nibbles', 'hamster', 2023, 0.1, 2, NULL),
  ('Bella', 'dog', 2021, 24.0, 3, x'CAFE'),
  ('Shadow', 'cat', 2014, 5.1, NULL, NULL);
SELECT p.name, p.species, o.name AS owner FROM pets p LEFT JOIN owners o ON o.id = p.owner_id ORDER BY p.name;`;

const NUMBERS = `-- Integers, reals, text and blobs, side by side.
DROP TABLE IF EXISTS numbers;
CREATE TABLE numbers(n INTEGER PRIMARY KEY, square INTEGER, root REAL, word TEXT, bytes BLOB);
INSERT INTO numbers VALUES
  (1, 1, 1.0, 'one', x'01'), (2, 4, 1.4142135623730951, 'two', x'0202'),
  (3, 9, 1.7320508075688772, 'three', NULL), (4, 16, 2.0, 'four', x'04040404'),
  (5, 25, 2.23606797749979, NULL, NULL);
SELECT n, square, root, word, bytes, typeof(bytes) FROM numbers;`;

export const SAMPLES: Sample[] = [
  { label: 'Database: pets and owners', sql: PETS, run: true },
  { label: 'Database: numbers', sql: NUMBERS, run: true },
  {
    label: 'Query: pets per species',
    sql: 'SELECT species, count(*) AS pets, round(avg(weight_kg), 1) AS avg_kg, min(born) AS oldest\nFROM pets\nGROUP BY species\nORDER BY pets DESC, species;',
    run: false,
  },
  {
    label: 'Query: owners and their pets',
    sql: "SELECT o.name AS owner, o.city, p.name AS pet, p.species\nFROM owners o JOIN pets p ON p.owner_id = o.id\nWHERE p.born >= 2015\nORDER BY o.name, p.born;",
    run: false,
  },
  { label: 'Query: NULLs and blobs', sql: "SELECT name, photo, length(photo) AS bytes, typeof(photo) AS type\nFROM pets\nORDER BY photo IS NULL, name;", run: false },
  { label: 'Query: change data', sql: "UPDATE pets SET weight_kg = weight_kg + 0.5 WHERE species = 'cat';\nSELECT name, weight_kg FROM pets WHERE species = 'cat';", run: false },
  { label: 'Query: the schema itself', sql: 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name;', run: false },
];
