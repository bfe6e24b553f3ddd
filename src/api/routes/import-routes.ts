import { z } from 'zod';
import { exportFormat } from '../../contracts/common.ts';
import { startedJob, startImportBody, uploadedFile } from '../../contracts/imports.ts';
import { importErrorReport } from '../../services/imports/import-error-report.ts';
import { startImport } from '../../services/imports/start-import.ts';
import { uploadImportFile } from '../../services/imports/upload-import-file.ts';
import { ServiceError } from '../../services/service-error.ts';
import { defineRoute } from '../define-route.ts';

export const IMPORT_ROUTES = [
  defineRoute({
    method: 'POST',
    url: '/api/imports/files',
    area: 'imports',
    summary: 'Upload one CRM export (multipart field "file"); answers the detected preset and a mapping preview',
    auth: 'signed-in',
    multipart: true,
    response: { kind: 'json', schema: uploadedFile, status: 201 },
    handler: async ({ deps, actor, request }) => {
      if (!request.isMultipart()) throw new ServiceError('invalid_argument', 'Send the file as multipart/form-data in a field named "file"');
      const part = await request.file();
      if (part === undefined) throw new ServiceError('invalid_argument', 'The upload holds no file; send it in a field named "file"');
      // toBuffer() throws FST_REQ_FILE_TOO_LARGE past the upload limit, answered 413.
      const content = await part.toBuffer();
      return uploadImportFile(deps.store, actor, { name: part.filename, content });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/imports',
    area: 'imports',
    summary: 'Dry-run or commit uploaded files as a job; follow it at /api/jobs/{id}',
    auth: 'signed-in',
    body: startImportBody,
    response: { kind: 'json', schema: startedJob, status: 202 },
    handler: ({ deps, actor, body }) => startImport(deps.store, actor, deps.queue, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/imports/:jobId/error-report',
    area: 'imports',
    summary: 'An import job’s rejected rows with row, column and reason, as CSV or XLSX',
    auth: 'signed-in',
    params: z.object({ jobId: z.string().min(1).max(64) }),
    query: z.object({ format: exportFormat.default('csv') }),
    response: { kind: 'file' },
    handler: ({ deps, actor, params, query }) => importErrorReport(deps.store, actor, params.jobId, query.format),
  }),
];
