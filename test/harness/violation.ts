/** A broken invariant found by the chaos suite or a cluster session (e.g. an orphan process). */
export interface Violation {
  invariant: string;
  jobId?: string;
  detail: string;
}
