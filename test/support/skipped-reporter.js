/**
 * Lists, under jest's summary, every test that did not run here, by its name: a suite that cannot run on
 * this machine (no KurrentDB, no source documents) is skipped with its reason in its name, and says so.
 */
class SkippedReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((test) => test.status === 'pending' || test.status === 'todo' || test.status === 'skipped')
        .map((test) => [...test.ancestorTitles, test.title].join(' › ')),
    );
    if (skipped.length === 0) return;
    process.stderr.write(`\nSkipped, ${skipped.length}:\n${skipped.map((name) => `  ○ ${name}`).join('\n')}\n`);
  }
}

module.exports = SkippedReporter;
