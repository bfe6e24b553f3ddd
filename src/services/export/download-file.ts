/** A file a service hands back for download (a table export, an error report), whole in memory. */
export interface DownloadFile {
  readonly fileName: string;
  /** e.g. 'text/csv; charset=utf-8' or the XLSX media type. */
  readonly contentType: string;
  readonly body: Buffer;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
