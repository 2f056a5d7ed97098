/** Writes N synthetic person records as JSON, CSV and XML (same values in each) for the RML benchmark. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CITIES = ['Gent', 'Antwerpen', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Kortrijk', 'Sint-Niklaas'];
const NAMES = ['An', 'Bert', 'Chloé', 'Dries', 'Emma', 'Fien', 'Gust', 'Hanne', 'Ilse', 'Jens'];

export interface Person {
  id: string;
  name: string;
  email: string;
  city: string;
  age: string;
  club: string;
  note: string;
}

export function person(i: number): Person {
  const name = `${NAMES[i % NAMES.length]} ${NAMES[(i * 7) % NAMES.length]}son`;
  return {
    id: String(i),
    name,
    email: `user${i}@example.org`,
    city: CITIES[i % CITIES.length],
    age: String(18 + (i % 60)),
    club: `c${i % 97}`,
    note: `Lid sinds ${2000 + (i % 25)} & "actief" <vrijwilliger>`,
  };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function write(path: string, n: number, head: string, row: (p: Person, i: number) => string, tail: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(head);
  for (let i = 0; i < n; i++) {
    if (!out.write(row(person(i), i))) await once(out, 'drain');
  }
  out.end(tail);
  await once(out, 'finish');
}

export async function generate(dir: string, n: number): Promise<void> {
  await write(`${dir}/people.json`, n, '{"people":[\n', (p, i) => `${i ? ',\n' : ''}${JSON.stringify(p)}`, '\n]}\n');
  const cols = ['id', 'name', 'email', 'city', 'age', 'club', 'note'] as const;
  await write(`${dir}/people.csv`, n, `${cols.join(',')}\n`, (p) => `${cols.map((c) => csvField(p[c])).join(',')}\n`, '');
  await write(
    `${dir}/people.xml`,
    n,
    '<?xml version="1.0" encoding="UTF-8"?>\n<people>\n',
    (p) => `<person>${cols.map((c) => `<${c}>${xmlEscape(p[c])}</${c}>`).join('')}</person>\n`,
    '</people>\n',
  );
}
