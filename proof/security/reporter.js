/**
 * Jest reporter of the proof suites: after the run, writes a Markdown report
 * (options.out) listing every test by file and describe block with its
 * result and the notes it recorded (proof/record.ts), headed by the date and
 * the machine, and prints the path. Plain CommonJS because jest loads
 * reporters without a transform.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: jest loads reporters without a transform */
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { dirname, relative, resolve } = require('node:path');
const os = require('node:os');

class ProofReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.title = options.title ?? 'Proof report';
    this.out = resolve(this.rootDir, options.out ?? 'reports/proof-latest.md');
  }

  onRunComplete(_contexts, results) {
    const notes = new Map();
    const file = process.env.NFF_PROOF_RECORDS;
    if (file) {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // No notes were written.
      }
      for (const line of text.split('\n').filter(Boolean)) {
        const { test, text: note } = JSON.parse(line);
        if (!notes.has(test)) notes.set(test, []);
        notes.get(test).push(note);
      }
    }
    const cpus = os.cpus();
    const lines = [
      `# ${this.title}`,
      '',
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpus[0] ? cpus[0].model : 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
      `- command: \`npm run ${this.out.includes('security') ? 'test:security' : 'test:chaos'}\` (NFF_PORT_OFFSET=${process.env.NFF_PORT_OFFSET ?? 0})`,
      `- result: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped, of ${results.numTotalTests} tests in ${results.numTotalTestSuites} files`,
      '',
      'A failing test is a vulnerability (or a broken harness: read its message). Notes say what each test sent and what came back.',
      '',
    ];
    for (const suite of [...results.testResults].sort((a, b) => a.testFilePath.localeCompare(b.testFilePath))) {
      lines.push(`## ${relative(this.rootDir, suite.testFilePath)}`, '');
      if (suite.testExecError) lines.push(`**Suite failed to run:** ${String(suite.testExecError.message).split('\n')[0]}`, '');
      let group;
      for (const test of suite.testResults) {
        const heading = test.ancestorTitles.join(' › ');
        if (heading !== group) {
          group = heading;
          lines.push(`### ${heading || '(top level)'}`, '');
        }
        const mark = test.status === 'passed' ? 'PASS' : test.status === 'failed' ? '**FAIL**' : test.status.toUpperCase();
        lines.push(`- ${mark} — ${test.title}`);
        for (const note of notes.get(test.fullName) ?? []) lines.push(`  - ${note.replace(/\n/g, ' ')}`);
        if (test.status === 'failed') {
          const first = String(test.failureMessages[0] ?? '').split('\n').slice(0, 6).join(' ').replace(/\s+/g, ' ').slice(0, 600);
          lines.push(`  - failure: ${first}`);
        }
      }
      lines.push('');
    }
    mkdirSync(dirname(this.out), { recursive: true });
    writeFileSync(this.out, `${lines.join('\n')}\n`);
    console.log(`\nproof report written to ${relative(this.rootDir, this.out)}`);
  }
}

module.exports = ProofReporter;
