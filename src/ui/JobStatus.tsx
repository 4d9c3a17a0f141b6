import type { JobState } from './useJob.ts';
import { cancelMeanField } from '../compute/meanfieldClient.ts';

/** Busy / progress / error line under a panel title, with a cancel button for long jobs. */
export function JobStatus({ job, onCancel = cancelMeanField }: { job: JobState<unknown>; onCancel?: () => void }) {
  if (job.error) return <span className="error" role="alert" data-testid="job-error">{job.error}</span>;
  if (job.busy) {
    return (
      <span className="busy" data-testid="job-busy">
        computing{job.progress !== null ? ` ${Math.round(job.progress * 100)}%` : '…'}{' '}
        <button onClick={onCancel}>cancel</button>
      </span>
    );
  }
  return <span className="done" data-testid="job-done">{job.elapsed !== null ? `updated in ${job.elapsed < 1000 ? `${job.elapsed.toFixed(0)} ms` : `${(job.elapsed / 1000).toFixed(job.elapsed < 100_000 ? 1 : 0)} s`}` : ''}</span>;
}
