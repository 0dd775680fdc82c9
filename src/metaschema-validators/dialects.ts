// Written by scripts/metaschema-validators.ts (npm run metaschemas). Do not edit.

/**
 * A loader of the validator of each dialect's metaschema: codegen checks every input schema with it.
 * Loaded on use, so that a run reads only the modules of the dialects its schemas declare.
 */
export const METASCHEMA_VALIDATORS = {
  "draft-04": async () => (await import("./Draft04.js")).validateDraft04,
  "draft-06": async () => (await import("./CoreSchemaMetaSchema.js")).validateCoreSchemaMetaSchema,
  "draft-07": async () => (await import("./CoreSchemaMetaSchema2.js")).validateCoreSchemaMetaSchema2,
  "2019-09": async () => (await import("./CoreAndValidationSpecificationsMetaSchema.js")).validateCoreAndValidationSpecificationsMetaSchema,
  "2020-12": async () =>
    (await import("./CoreAndValidationSpecificationsMetaSchema2.js")).validateCoreAndValidationSpecificationsMetaSchema2,
} as const;
