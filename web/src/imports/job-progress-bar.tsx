import type { Job } from '../../../src/contracts/jobs.ts';

const count = new Intl.NumberFormat();

/** Percent done when the total is known; null while it is not (the bar is then indeterminate). */
export function percentDone(job: Job): number | null {
  if (job.status === 'succeeded' || job.status === 'failed') return 100;
  const { done, total } = job.progress;
  if (total === null || total <= 0) return job.status === 'queued' ? 0 : null;
  return Math.min(100, Math.floor((done * 100) / total));
}

function describe(job: Job): string {
  const { done, total, label } = job.progress;
  const amount = total === null ? `${count.format(done)} done` : `${count.format(done)} of ${count.format(total)}`;
  switch (job.status) {
    case 'queued':
      return 'Waiting to start…';
    case 'running':
      return label === null ? amount : `${label}: ${amount}`;
    case 'succeeded':
      return 'Finished.';
    case 'failed':
      return 'Stopped with an error.';
  }
}

export function JobProgressBar({ job }: { readonly job: Job }) {
  const percent = percentDone(job);
  const text = describe(job);
  return (
    <div className="progress">
      <div
        role="progressbar"
        data-testid="import-progress"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${percent}% — ${text}`}
        className={percent === null ? 'progress-track progress-indeterminate' : 'progress-track'}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}
