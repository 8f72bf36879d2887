/**
 * Builds the run's database templates (test/helpers/template.ts) and prints their description as one JSON
 * line, which scripts/test.ts passes to the test files in NTB_TEST_TEMPLATES.
 */
import { buildTemplates } from '../test/helpers/template.ts';

const templates = await buildTemplates();
console.log(JSON.stringify(templates));
process.exit(0);
