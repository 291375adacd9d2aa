/**
 * Citations of the parsing catalog by what they back, as registry ids (harness/citations/registry.ts):
 * the steps each header case's expectation comes from.
 */
import type { CitationId } from '../../harness/citations/registry.ts';

export const SPEC = {
  fieldValue: ['fieldLines', 'fieldValues', 'headerValue', 'headerListGet'],
  acao: ['corsCheck', 'corsPreflight', 'headerListGet', 'fieldLines', 'corsHeaderSyntax'],
  acac: ['corsCheck', 'corsPreflight', 'headerListGet', 'corsHeaderSyntax'],
  preflightList: ['corsPreflight', 'extractHeaderValues', 'corsHeaderSyntax', 'fieldLines'],
  aceh: ['exposeHeaders', 'extractHeaderValues', 'corsHeaderSyntax', 'fieldLines'],
  corp: ['corpInternal', 'headerListGet', 'fieldLines'],
  tao: ['taoCheck', 'getDecodeSplit', 'resourceTimingTao', 'fieldLines'],
  xfo: ['xfo', 'getDecodeSplit', 'fieldLines'],
  coep: ['obtainCoep', 'coepNavigation', 'getStructuredField', 'structuredFieldParsing', 'fieldLines'],
  coop: ['obtainCoop', 'coopPopupSwitch', 'getStructuredField', 'structuredFieldParsing', 'fieldLines'],
  activateStorageAccess: [
    'activateStorageAccessRetry',
    'activateStorageAccessField',
    'secFetchStorageAccess',
    'getStructuredField',
    'structuredFieldParsing',
    'fieldLines',
  ],
  oac: ['requestsOac', 'obtainAgent', 'getStructuredField', 'structuredFieldParsing', 'fieldLines'],
} as const satisfies Record<string, CitationId[]>;
