// Validation of an OpenBadgeCredential against the 1EdTech JSON Schema (draft 2019-09), before it is stored
// and in the verifier. The schema types `proof` as an array only; a credential with one proof object is
// validated in the array form (VC 2.0 allows both).
import { Ajv2019 } from 'ajv/dist/2019.js';
import { standardsDocument } from './contexts.ts';

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};

let compiled: Validate | null = null;

function validator(): Validate {
  if (compiled) return compiled;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The formats the schema uses, checked without another dependency.
  ajv.addFormat(
    'date-time',
    (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) &&
      !Number.isNaN(Date.parse(s)),
  );
  ajv.addFormat('date', (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s));
  ajv.addFormat('iri', (s: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s));
  ajv.addFormat('email', (s: string) => /^[^@\s]+@[^@\s]+$/.test(s));
  compiled = ajv.compile(
    standardsDocument('ob_v3p0_achievementcredential_schema.json') as object,
  ) as Validate;
  return compiled;
}

/** The schema errors of a credential (empty when valid). */
export function schemaErrors(credential: Record<string, unknown>): string[] {
  const doc =
    credential.proof && !Array.isArray(credential.proof)
      ? { ...credential, proof: [credential.proof] }
      : credential;
  const validate = validator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
