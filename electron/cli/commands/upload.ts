/** `upload FILE --mapping M --dataset D`: send a file's events, or resume an upload. */
import { CadentClient } from '../../cadent/client';
import { resolveTarget } from '../../credentials';
import { loadMappingFile } from '../../mapping-file';
import { checkFile } from '../../pipeline/check-file';
import { isResumable, resumeUpload, startUpload } from '../../upload/upload-job';
import { intOption, nowOption, parseCommand } from '../args';
import { UsageError } from '../errors';
import { formatProgress, formatSummary } from '../format';

import type { UploadOutcome, UploadProgress } from '../../upload/upload-job';
import type { CommandContext } from '../context';

export const UPLOAD_HELP = `cadent-uploader upload FILE --mapping M --dataset D
    [--connection NAME | --endpoint URL] [--dry-run] [--batch-size N] [--concurrency N]
    [--json] [--now ISO]   (--now: check event times as of ISO, for a sandbox's fixed clock)
cadent-uploader upload --resume UPLOAD_ID [FILE]   (FILE if it moved; same content)`;

export async function uploadCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      mapping: { type: 'string' },
      dataset: { type: 'string' },
      connection: { type: 'string' },
      endpoint: { type: 'string' },
      'dry-run': { type: 'boolean' },
      resume: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
    },
    'upload',
  );
  if (positionals.length > 1)
    throw new UsageError(`upload: unexpected argument "${positionals[1]}"`);
  const file = positionals[0];
  const store = context.store();
  const settings = store.settings.get();
  const batchSize = intOption(values['batch-size'], 'batch-size', settings.batchSize, [1, 1000]);
  const concurrency = intOption(values.concurrency, 'concurrency', settings.concurrency, [1, 16]);
  // --now moves only the event-time check (for replays against a sandbox with a fixed clock).
  const validationTime = nowOption(values.now);
  store.requestLog.prune(settings.logRetentionDays);

  const progress = progressPrinter(context);
  const common = {
    store,
    batchSize,
    concurrency,
    onProgress: progress.update,
    ...(context.signal ? { signal: context.signal } : {}),
  };

  let outcome: UploadOutcome;
  if (values.resume) {
    const saved = store.uploads.get(values.resume);
    if (!saved) throw new UsageError(`upload --resume: no upload with ID ${values.resume}`);
    const target = await resolveTarget(
      store,
      {
        ...(saved.connection ? { connection: saved.connection } : { endpoint: saved.endpoint }),
      },
      context.env,
    );
    outcome = await resumeUpload({
      ...common,
      ...target,
      uploadId: saved.id,
      ...(file ? { filePath: file } : {}),
    });
  } else {
    if (!file) throw new UsageError('upload: FILE is missing');
    if (!values.mapping) throw new UsageError('upload: --mapping FILE is required');
    if (!values.dataset) throw new UsageError('upload: --dataset ID is required');
    const mapping = await loadMappingFile(values.mapping);
    const target = await resolveTarget(
      store,
      {
        ...(values.connection ? { connection: values.connection } : {}),
        ...(values.endpoint ? { endpoint: values.endpoint } : {}),
      },
      context.env,
    );
    if (values['dry-run']) {
      return dryRun(context, file, mapping, values.dataset, target, validationTime);
    }
    outcome = await startUpload({
      ...common,
      ...target,
      filePath: file,
      mapping,
      datasetId: values.dataset,
      validationTime,
    });
  }
  progress.done();
  return report(context, outcome, values.json === true);
}

async function dryRun(
  context: CommandContext,
  file: string,
  mapping: Awaited<ReturnType<typeof loadMappingFile>>,
  datasetId: string,
  target: Awaited<ReturnType<typeof resolveTarget>>,
  now: Date,
): Promise<number> {
  const client = new CadentClient({ endpoint: target.endpoint, apiKey: target.apiKey });
  const dataset = await client.getDataset(datasetId);
  const { summary } = await checkFile(file, mapping, { matchKey: dataset.match_key, now });
  context.err(`dataset ${dataset.id} "${dataset.name}", match key ${dataset.match_key}`);
  context.err(formatSummary(summary));
  context.err(`dry run: ${summary.valid} event(s) would be sent; nothing was sent`);
  return summary.invalid > 0 ? 1 : 0;
}

function report(context: CommandContext, outcome: UploadOutcome, json: boolean): number {
  const { upload, summary } = outcome;
  if (json) {
    context.out(
      JSON.stringify(
        {
          upload,
          summary,
          batches: {
            confirmed: outcome.batchesConfirmed,
            skipped: outcome.batchesSkipped,
            failed: outcome.batchesFailed,
          },
        },
        null,
        2,
      ),
    );
  } else {
    if (summary) context.err(formatSummary(summary));
    context.err(`upload ${upload.id}: ${upload.status}`);
    context.err(
      `  accepted ${upload.accepted} · duplicates ${upload.duplicates} · ` +
        `rejected by Cadent ${upload.rejected} · not sent (invalid here) ${upload.invalid}`,
    );
    if (outcome.batchesSkipped > 0) {
      context.err(`  ${outcome.batchesSkipped} batch(es) were confirmed before and not sent again`);
    }
    if (upload.error) context.err(`  ${upload.error}`);
    if (isResumable(upload.status)) {
      context.err(`  resume with: cadent-uploader upload --resume ${upload.id}`);
    }
    if (upload.rejected + upload.invalid > 0) {
      context.err(`  rows and reasons: cadent-uploader rejected ${upload.id} --out rejected.csv`);
    }
  }
  const clean =
    upload.status === 'completed' &&
    upload.rejected === 0 &&
    upload.invalid === 0 &&
    outcome.batchesFailed === 0;
  return clean ? 0 : 1;
}

/** Redraws one progress line on a terminal; says nothing when stderr is a file or a pipe. */
function progressPrinter(context: CommandContext) {
  const tty = context.stderr.isTTY === true;
  let last = 0;
  return {
    update(progress: UploadProgress): void {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      context.stderr.write(`\r\u001b[K${formatProgress(progress)}`);
    },
    done(): void {
      if (tty) context.stderr.write('\r\u001b[K');
    },
  };
}
