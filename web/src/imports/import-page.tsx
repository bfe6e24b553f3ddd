import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { UploadedFile } from '../../../src/contracts/imports.ts';
import type { Job } from '../../../src/contracts/jobs.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatInstant } from '../lib/format-date.ts';
import { errorMessage, queryString, sendForm, sendJson } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { ImportResult, importResultOf } from './import-result.tsx';
import { JobProgressBar } from './job-progress-bar.tsx';
import { MappingPreview } from './mapping-preview.tsx';
import { isFinished, useJob } from './use-job.ts';

const PRESETS = [
  { value: '', label: 'Detect from the header row' },
  { value: 'salesforce', label: 'Salesforce Data Loader' },
  { value: 'salesforce-report', label: 'Salesforce report export' },
  { value: 'hubspot', label: 'HubSpot export' },
  { value: 'superstore', label: 'Superstore order lines (sample retail data)' },
] as const;

const JOB_COLUMNS = (show: (id: string) => void): readonly Column<Job>[] => [
  { key: 'createdAt', header: 'Started', render: (job) => formatInstant(job.createdAt) },
  { key: 'kind', header: 'Kind', render: (job) => job.kind },
  { key: 'status', header: 'Status', render: (job) => job.status },
  { key: 'finishedAt', header: 'Finished', render: (job) => formatInstant(job.finishedAt) },
  {
    key: 'open',
    header: 'Result',
    render: (job) => (
      <button type="button" className="button-link" onClick={() => show(job.id)}>
        Show result
      </button>
    ),
  },
];

/** The recent jobs export holds the same jobs as the table (its default limit, newest first). */
const jobsExportLink = (format: 'csv' | 'xlsx') => `/api/jobs/export${queryString({ format })}`;

export function ImportPage() {
  const [uploads, setUploads] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  const [preset, setPreset] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { job, error: jobError } = useJob(jobId);
  const jobs = useApi<{ items: Job[] }>('/api/jobs');
  const busy = uploading !== null || (jobId !== null && (job === null || !isFinished(job)) && jobError === null);
  const finishedJobId = job !== null && isFinished(job) ? job.id : null;
  const result = job !== null && finishedJobId !== null ? importResultOf(job.result) : null;
  const reloadJobs = jobs.reload;

  useEffect(() => {
    // A job that just finished belongs at the top of the recent jobs.
    if (finishedJobId !== null) reloadJobs();
  }, [finishedJobId, reloadJobs]);

  async function upload(files: readonly File[]): Promise<void> {
    setUploadErrors([]);
    for (const file of files) {
      setUploading(file.name);
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const uploaded = await sendForm<UploadedFile>('/api/imports/files', form);
        setUploads((current) => [...current, uploaded]);
      } catch (failure) {
        setUploadErrors((current) => [...current, `${file.name}: ${errorMessage(failure)}`]);
      }
    }
    setUploading(null);
    if (fileInput.current !== null) fileInput.current.value = '';
  }

  function start(dryRun: boolean): void {
    setStartError(null);
    const body = { fileIds: uploads.map((file) => file.fileId), dryRun, ...(preset === '' ? {} : { preset }) };
    sendJson<{ jobId: string }>('POST', '/api/imports', body).then(
      (started) => setJobId(started.jobId),
      (failure: unknown) => setStartError(errorMessage(failure)),
    );
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    if (!busy) void upload([...event.dataTransfer.files]);
  }

  return (
    <section className="page">
      <h1>Import</h1>
      <p>
        Upload CRM exports (CSV or XLSX): Salesforce Data Loader and report exports, HubSpot exports. Each file is written whole or
        not at all. Run a dry run first to see every problem without changing anything.
      </p>

      <div
        className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Field label="Files to import" hint="Choose files, or drop them here.">
          {(id, hintId) => (
            <input
              id={id}
              ref={fileInput}
              type="file"
              multiple
              accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={hintId}
              data-testid="import-file-input"
              disabled={busy}
              onChange={(event) => void upload([...(event.target.files ?? [])])}
            />
          )}
        </Field>
      </div>
      {uploading !== null && <StatusMessage kind="loading">Uploading {uploading}…</StatusMessage>}
      {uploadErrors.map((message) => (
        <StatusMessage key={message} kind="error">
          {message}
        </StatusMessage>
      ))}

      {uploads.map((file) => (
        <MappingPreview key={file.fileId} file={file} disabled={busy} onRemove={() => setUploads((current) => current.filter((other) => other.fileId !== file.fileId))} />
      ))}

      {uploads.length > 0 && (
        <div className="import-actions">
          <Field label="Preset">
            {(id) => (
              <select id={id} value={preset} onChange={(event) => setPreset(event.target.value)} disabled={busy}>
                {PRESETS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="button-row">
            <button type="button" className="button-secondary" data-testid="import-dry-run" disabled={busy} onClick={() => start(true)}>
              Dry run
            </button>
            <button type="button" className="button-primary" data-testid="import-commit" disabled={busy} onClick={() => start(false)}>
              Import
            </button>
            <button
              type="button"
              className="button-link"
              disabled={busy}
              onClick={() => {
                setUploads([]);
                setJobId(null);
              }}
            >
              Start over
            </button>
          </div>
        </div>
      )}
      {startError !== null && <StatusMessage kind="error">{startError}</StatusMessage>}

      {jobId !== null && (
        <section aria-labelledby="import-job-heading" className="import-job">
          <h2 id="import-job-heading">Progress</h2>
          {job === null ? <StatusMessage kind="loading">Starting…</StatusMessage> : <JobProgressBar job={job} />}
          {jobError !== null && <StatusMessage kind="error">Lost track of the job: {errorMessage(jobError)}</StatusMessage>}
          {job?.status === 'failed' && <StatusMessage kind="error">{job.error?.message ?? 'The import failed.'}</StatusMessage>}
          {finishedJobId !== null && result === null && job?.status === 'succeeded' && (
            <StatusMessage kind="info">This job has no import result to show.</StatusMessage>
          )}
          {result !== null && <ImportResult jobId={jobId} result={result} />}
        </section>
      )}

      <section aria-labelledby="recent-jobs-heading">
        <h2 id="recent-jobs-heading">Recent jobs</h2>
        <DataTable
          caption="Recent jobs"
          columns={JOB_COLUMNS(setJobId)}
          rows={jobs.data?.items}
          rowKey={(row) => row.id}
          status={jobs.status}
          error={jobs.error}
          onRetry={jobs.reload}
          emptyMessage="No jobs yet."
          exportLinks={{ csv: jobsExportLink('csv'), xlsx: jobsExportLink('xlsx') }}
        />
      </section>
    </section>
  );
}
