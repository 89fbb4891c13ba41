import test from 'ava';
import { buildModel } from '../src/model/normalize.js';
import { citeRecord } from '../src/site/view/citation.js';
import { incident } from './helpers/records.js';

const modelOf = (record: object) => buildModel([{ record: record as never, text: '' }])[0]!;

test('a record is cited by its title, id, address and last update, not by the day the site was built', (t) => {
  const url = 'https://example.org/records/sample-incident/';
  const plain = citeRecord(modelOf(incident()), url, 'en');
  t.is(plain.text, `"A sample incident." disclosed dataset, record sample-incident. ${url}`);
  t.regex(plain.bibtex, /^@misc\{disclosed-sample-incident,\n {2}title = \{A sample incident\},\n/);
  t.regex(plain.bibtex, /note = \{disclosed dataset, record sample-incident\},\n\}$/);
  t.notRegex(plain.bibtex, /year = /);

  const updated = citeRecord(modelOf({ ...incident(), updated: '2020-03-04' }), url, 'en');
  t.is(updated.text, `"A sample incident." disclosed dataset, record sample-incident, updated 4 March 2020. ${url}`);
  t.regex(updated.bibtex, /year = \{2020\},/);
});
