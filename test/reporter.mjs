// Node test-runner reporter: a readable line per test, failures in full, and the final line
// `N passed, N failed, N skipped` that CI reads.
export default async function* reporter(source) {
  let passed = 0, failed = 0, skipped = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type === 'test:pass' || event.type === 'test:fail') {
      const d = event.data;
      if (d.details?.type === 'suite') continue; // count tests, not describe blocks
      const name = `${d.file ? d.file.replace(process.cwd() + '/', '') + ' › ' : ''}${d.name}`;
      if (event.type === 'test:pass') {
        if (d.skip || d.todo) { skipped++; yield `  - skip ${name}\n`; }
        else { passed++; yield `  ✔ ${name} (${Math.round(d.details?.duration_ms ?? 0)} ms)\n`; }
      } else {
        failed++;
        const err = d.details?.error;
        const msg = err ? (err.cause?.stack ?? err.cause?.message ?? err.stack ?? err.message ?? String(err)) : '';
        failures.push(`✖ ${name}\n${String(msg).split('\n').slice(0, 25).map((l) => '    ' + l).join('\n')}`);
        yield `  ✖ ${name}\n`;
      }
    } else if (event.type === 'test:stderr' || event.type === 'test:stdout') {
      if (process.env.TEST_VERBOSE) yield event.data.message;
    } else if (event.type === 'test:diagnostic' && /error|fail/i.test(event.data.message) && !/^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)/.test(event.data.message)) {
      yield `  ! ${event.data.message}\n`;
    }
  }
  if (failures.length) yield `\nFailures:\n${failures.join('\n\n')}\n`;
  // The whole run, templates included (scripts/test.ts sets the start); the summary stays the last line.
  const started = Number(process.env.NTB_TEST_STARTED) || undefined;
  if (started) {
    const secs = Math.round((Date.now() - started) / 1000);
    yield `\nTotal wall time: ${Math.floor(secs / 60)} min ${secs % 60} s\n`;
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
