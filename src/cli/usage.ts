// A command line that cannot run as given: the scripts print "error: <message>" and exit 2
// (commander's own usage errors exit 1; 2 marks the tool's checks of the values' meaning), having
// started nothing and written nothing.
export class UsageError extends Error {}

/** Prints a UsageError and exits 2; any other error is rethrown. */
export function exitOnUsageError(e: unknown): void {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
