// The output formats by name, apart from the renderers, so the CLI can declare `scan --format`
// without loading them.
export const FORMATS = ['table', 'json', 'markdown', 'csv', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** `whoowns compliance --format`. */
export const COMPLIANCE_FORMATS = ['table', 'json', 'markdown'] as const;
export type ComplianceFormat = (typeof COMPLIANCE_FORMATS)[number];
