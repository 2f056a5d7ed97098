/** EDM-external export: the mapping, validation, conformance report and file export. */
export { EdmRecordBuilder, type EdmProblem, type EdmRecord, type EdmRecordBuilderOptions } from './edm-record.js';
export { edmConformance, type EdmConformanceIssue, type EdmConformanceOptions } from './conformance.js';
export { exportEdm, type ExportEdmOptions, type ExportEdmResult } from './export-edm.js';
export { listHeritageRecords, type HeritageRecord } from './heritage-records.js';
export { inSet, listSets, setSpecsOf, slug } from './record-sets.js';
export { RightsMap } from './rights-map.js';
