/** The readable report `npm start` prints: one row per step, then the failures. */
export interface StepRow {
  step: string;
  operation: string;
  calls: number;
  ms: number;
  ok: boolean;
  result: string;
}

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export const formatReport = (rows: StepRow[], failures: string[]): string => {
  const header = `${pad('#', 3)} ${pad('step', 44)} ${pad('operation', 34)} ${pad('calls', 5)} ${pad('time', 8)} result`;
  const lines = rows.map(
    (r, i) =>
      `${pad(String(i + 1), 3)} ${pad(r.step, 44)} ${pad(r.operation, 34)} ${pad(String(r.calls), 5)} ${pad(`${r.ms} ms`, 8)} ${r.ok ? 'PASS' : 'FAIL'}  ${r.result}`,
  );
  const passed = rows.filter((r) => r.ok).length;
  const summary = `${passed} passed, ${rows.length - passed} failed`;
  const failureText = failures.length ? `\nInconsistencies:\n${failures.map((f) => `  - ${f}`).join('\n')}\n` : '';
  return [header, '-'.repeat(header.length + 20), ...lines, failureText, summary].join('\n');
};
