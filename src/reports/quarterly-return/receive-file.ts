import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { badFile, MAX_RETURN_BYTES } from './return-sheet';

const MEGABYTES = MAX_RETURN_BYTES / (1024 * 1024);

/**
 * The file of a multipart request's `file` field, read into memory up to the size limit. Whatever goes
 * wrong with the request itself is a 400 naming `file`, never a 5xx.
 */
export async function receiveFile(request: FastifyRequest): Promise<{ name: string; bytes: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw badFile('Send the return as multipart/form-data, with the file in a field named "file".');
  let part;
  try {
    part = await request.file({ limits: { fileSize: MAX_RETURN_BYTES, files: 1 }, throwFileSizeLimit: true });
  } catch {
    throw badFile('The upload could not be read as multipart/form-data; send the file in a field named "file".');
  }
  if (!part) throw badFile('No file was attached: send the return in a field named "file".');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badFile(`The file was sent in a field named "${part.fieldname}"; send it in a field named "file".`);
  }
  const tooLarge = badFile(`The file is larger than ${MEGABYTES} MB; a quarterly return is far smaller.`);
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    throw badFile('The upload stopped before the whole file arrived; send it again.');
  }
  // Busboy stops at the limit and marks the stream truncated rather than failing it.
  if (part.file.truncated) throw tooLarge;
  // The form's fields sent before the file (a web form's CSRF token).
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? undefined : field;
    if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
  }
  return { name: part.filename || 'return', bytes, fields };
}
