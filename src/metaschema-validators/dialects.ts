// Written by scripts/metaschema-validators.ts (npm run metaschemas). Do not edit.

import {
  validateDraft04,
  validateCoreSchemaMetaSchema,
  validateCoreSchemaMetaSchema2,
  validateCoreAndValidationSpecificationsMetaSchema,
  validateCoreAndValidationSpecificationsMetaSchema2,
} from "./index.js";

/** The validator of each dialect's metaschema: codegen checks every input schema with it. */
export const METASCHEMA_VALIDATORS = {
  "draft-04": validateDraft04,
  "draft-06": validateCoreSchemaMetaSchema,
  "draft-07": validateCoreSchemaMetaSchema2,
  "2019-09": validateCoreAndValidationSpecificationsMetaSchema,
  "2020-12": validateCoreAndValidationSpecificationsMetaSchema2,
} as const;
