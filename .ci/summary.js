// The one summary line of a CI run, from jest's JSON results: "N passed, N failed, N skipped", each skipped
// test named after it with its reason (a suite that could not run here says why in its name).
const results = require(require('node:path').resolve(process.argv[2]));
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
const skipped = results.testResults.flatMap((file) =>
  file.assertionResults
    .filter((test) => test.status === 'pending' || test.status === 'todo' || test.status === 'skipped')
    .map((test) => [...test.ancestorTitles, test.title].join(' › ')),
);
for (const name of skipped) console.log(`skipped: ${name}`);
const reasons = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
console.log(`${results.numPassedTests} passed, ${failed} failed, ${skipped.length} skipped${reasons}`);
process.exit(failed > 0 || !results.success ? 1 : 0);
