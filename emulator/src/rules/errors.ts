/**
 * Compile-time errors of the rules language. Every one carries the 1-based
 * position the official emulator would report, so `PUT :securityRules` can
 * answer 400 with line, column and message.
 */
export class RulesSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'RulesSyntaxError';
  }
}
