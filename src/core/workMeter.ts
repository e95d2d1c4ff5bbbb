/**
 * A count of the work a scan over untrusted text has done (characters searched, read or copied):
 * what its running time grows with, kept so that a test can show a scan linear in its input
 * without timing it (issue 14: a timed test fails on a loaded machine, a count does not). The
 * scans take one as an optional last argument and add to it; nothing else reads it.
 */
export interface WorkMeter {
  work: number;
}
