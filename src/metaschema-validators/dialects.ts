// Written by scripts/metaschema-validators.ts (npm run metaschemas). Do not edit.

/**
 * A loader of the validator of each dialect's metaschema: codegen checks every input schema with it.
 * Loaded on use, so that a run reads only the modules of the dialects its schemas declare.
 */
export const METASCHEMA_VALIDATORS = {
  "draft-04": async () => (await import("./Draft04.js")).validateDraft04,
  "draft-06": async () => (await import("./Draft06CoreSchemaMetaSchema.js")).validateDraft06CoreSchemaMetaSchema,
  "draft-07": async () => (await import("./Draft07CoreSchemaMetaSchema.js")).validateDraft07CoreSchemaMetaSchema,
  "2019-09": async () =>
    (await import("./CoreAndValidationSpecificationsMetaSchema201909.js")).validateCoreAndValidationSpecificationsMetaSchema201909,
  "2020-12": async () =>
    (await import("./CoreAndValidationSpecificationsMetaSchema202012.js")).validateCoreAndValidationSpecificationsMetaSchema202012,
} as const;
