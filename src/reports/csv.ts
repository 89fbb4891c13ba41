import { csvTable } from '../site/csv.js';
import type { ReportData } from './figures.js';

/** The report's tables as RFC 4180 CSV files, by file name. */
export function reportCsv(data: ReportData): Map<string, string> {
  const s = data.summary;
  const stat = (name: string, from: string, st: { minDays: number; maxDays: number } | undefined) => [name, from, st?.minDays, st?.maxDays];
  return new Map([
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
    [
      'incidents.csv',
      csvTable(
        ['id', 'title', 'organization', 'exposure_start', 'exposure_end', 'discovered', 'disclosed', 'disclosed_by', 'lag_min_days', 'lag_max_days', 'people_affected', 'organizations_affected', 'data_types'],
        data.incidents.map((r) => [r.id, r.title, r.organization, r.exposureStart.value, r.exposureEnd?.value, r.discovered?.value, r.disclosed.value, r.disclosedBy, r.lagDays?.min, r.lagDays?.max, r.people, r.organizations, r.dataTypes.join('; ')]),
      ),
    ],
    [
      'enforcement.csv',
      csvTable(
        ['id', 'title', 'organization', 'authority', 'jurisdiction', 'action', 'date', 'amount', 'currency', 'legal_basis', 'concerns'],
        data.enforcement.map((r) => [r.id, r.title, r.organization, r.authority.join('; '), r.jurisdiction, r.action, r.date.value, r.amount?.value, r.amount?.currency, r.legalBasis, r.concerns.map((c) => c.id).join(' ')]),
      ),
    ],
    ['totals.csv', csvTable(['currency', 'total', 'actions'], data.totals.map((t) => [t.currency, t.total, t.actions]))],
  ]);
}
