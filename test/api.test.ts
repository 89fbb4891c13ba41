import test from 'ava';
import * as api from '../src/index.js';

test('the public API exports exactly these names', (t) => {
  t.deepEqual(Object.keys(api).sort(), [
    'EnforcementSchema', 'FORMAT_VERSION', 'IncidentSchema', 'RULES', 'RecordSchema',
    'buildModel', 'buildSite', 'checkDirectory', 'compareDates', 'describeLag', 'formatDate',
    'formatJson', 'formatText', 'isAfter', 'isBefore', 'lagBetween', 'loadDataset', 'makeReport',
    'parseDate', 'parseRecordFile', 'recordJson', 'recordJsonSchema', 'reportData', 'resolveNow', 'runCli', 'validateFiles', 'verifyTree',
  ]);
});
