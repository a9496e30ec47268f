import { Type } from '@fastify/type-provider-typebox';
import { DateText, literals, Text, Version } from './projects.schemas.js';

/**
 * Request bodies of the construction, testing and acceptance steps (art. 17–19). Bodies reject
 * unknown fields; every string has a maximum length. Every step answers with the project detail.
 */
export const TEST_RESULTS = ['pass', 'fail'] as const;

export const ConstructionStartedBody = Type.Object(
  { on: { ...DateText, description: 'The day construction started (YYYY-MM-DD, not in the future)' }, version: Version },
  { additionalProperties: false },
);

export const DesignateTestingBody = Type.Object(
  { institutionId: Text(64, 1), version: Version },
  { additionalProperties: false, description: 'An institution whose accreditation is valid today (art. 18)' },
);

export const TestReportItem = Type.Object(
  { item: Text(200, 1), result: literals(TEST_RESULTS), note: Type.Optional(Text(1000)) },
  { additionalProperties: false },
);

export const TestReportBody = Type.Object(
  {
    reportNumber: Text(100, 1),
    testedOn: { ...DateText, description: 'Day of testing (YYYY-MM-DD, not in the future)' },
    items: Type.Array(TestReportItem, { minItems: 1, maxItems: 200, description: 'The conclusion is `pass` only if every item passes' }),
    documentId: Type.Optional({ ...Text(64, 1), description: 'A `test_report` document of this project uploaded before (PUT …/documents?docClass=test_report)' }),
    version: Version,
  },
  { additionalProperties: false },
);

export const ApplyAcceptanceBody = Type.Object(
  { testReportId: { ...Text(64, 1), description: 'A passing test report of this project (art. 19)' }, version: Version },
  { additionalProperties: false },
);
