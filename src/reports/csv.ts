import { csvRow, csvTable } from '../site/csv.js';
import { piecewise } from '../site/data-files.js';
import type { FileText } from '../site/sink.js';
import type { ModelRecord } from '../model/normalize.js';
import type { ReportTables } from './figures.js';
import type { RowPieces } from './render.js';

const INCIDENT_HEADER = ['id', 'title', 'organization', 'exposure_start', 'exposure_end', 'discovered', 'disclosed', 'disclosed_by', 'lag_min_days', 'lag_max_days', 'people_affected', 'organizations_affected', 'data_types'];
const ENFORCEMENT_HEADER = ['id', 'title', 'organization', 'authority', 'jurisdiction', 'action', 'date', 'amount', 'currency', 'legal_basis', 'concerns'];

/**
 * The report's tables as RFC 4180 CSV files, by file name. The two tables of records are made
 * row by row, each copied from the last build's file where `pieces` has it.
 */
export function reportCsv(tables: ReportTables, pieces: RowPieces = () => undefined): Map<string, FileText> {
  const data = tables.figures;
  const s = data.summary;
  const stat = (name: string, from: string, st: { minDays: number; maxDays: number } | undefined) => [name, from, st?.minDays, st?.maxDays];
  const rows = (name: string, header: string[], records: readonly ModelRecord[], row: (m: ModelRecord) => Parameters<typeof csvRow>[0]) =>
    [name, piecewise(records, { head: csvRow(header), between: '', tail: '', make: (m) => csvRow(row(m)) }, pieces(name))] as const;
  return new Map<string, FileText>([
    [
      'summary.csv',
      csvTable(['figure', 'value'], [
        ['scope', data.scope.description], ['dataset_version', data.dataset.version], ['generated', data.generated],
        ['records', data.dataset.records], ['incidents', s.incidents], ['enforcement_actions', s.enforcementActions], ['withdrawn', s.withdrawn],
        ...s.firstDisclosedBy.map((d) => [`first_disclosed_by_${d.by}`, d.count]),
      ]),
    ],
    [
      'lags.csv',
      csvTable(['statistic', 'measured_from', 'min_days', 'max_days'], [
        stat('median', 'exposure_start', s.lagFromExposure.median), stat('mean', 'exposure_start', s.lagFromExposure.mean), stat('max', 'exposure_start', s.lagFromExposure.max),
        stat('median', 'discovery', s.lagFromDiscovery.median), stat('mean', 'discovery', s.lagFromDiscovery.mean), stat('max', 'discovery', s.lagFromDiscovery.max),
      ]),
    ],
    rows('incidents.csv', INCIDENT_HEADER, tables.incidents, (m) => {
      const r = tables.incidentRow(m);
      return [r.id, r.title, r.organization, r.exposureStart.value, r.exposureEnd?.value, r.discovered?.value, r.disclosed.value, r.disclosedBy, r.lagDays?.min, r.lagDays?.max, r.people, r.organizations, r.dataTypes.join('; ')];
    }),
    rows('enforcement.csv', ENFORCEMENT_HEADER, tables.enforcement, (m) => {
      const r = tables.enforcementRow(m);
      return [r.id, r.title, r.organization, r.authority.join('; '), r.jurisdiction, r.action, r.date.value, r.amount?.value, r.amount?.currency, r.legalBasis, r.concerns.map((c) => c.id).join(' ')];
    }),
    ['totals.csv', csvTable(['currency', 'total', 'actions'], data.totals.map((t) => [t.currency, t.total, t.actions]))],
  ]);
}
