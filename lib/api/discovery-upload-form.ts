// Reads the multipart form of POST /api/v1/discovery/upload/: a `file`, and optionally the `stream`
// (report id) to add it to and the `source` type of the appliance that wrote it. The body is read
// within its limit first (lib/http/read-body.ts) and parsed afterwards, so an oversized upload is
// refused before it is held whole.
import { AppError } from "@/lib/errors";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { readBodyForm } from "@/lib/http/read-body";
import { MAX_UPLOAD_BYTES, type UploadInput } from "@/lib/resources/discovery";

const unreadable = () =>
  new AppError("invalid_request", "The multipart body could not be read.", { details: { file: ["send the log in a multipart field named 'file'"] } });

export async function readDiscoveryUpload(request: Request): Promise<UploadInput> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("invalid_request", "Upload the log as multipart/form-data.", { details: { file: ["send the log in a multipart field named 'file'"] } });
  }
  let form: FormData;
  try {
    form = await readBodyForm(request, BODY_LIMITS.upload, tooLarge);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("invalid_request", "No log file in the upload.", { details: { file: ["required: a multipart field named 'file'"] } });
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
  if (file.size === 0) throw new AppError("invalid_request", "The log file is empty.", { details: { file: ["the file is empty"] } });

  const details: Record<string, string[]> = {};
  const stream = form.get("stream");
  const source = form.get("source");
  if (stream !== null && (typeof stream !== "string" || !/^[a-f0-9]{24}$/.test(stream))) details.stream = ["a discovery report id (24 hex characters)"];
  if (source !== null && (typeof source !== "string" || !/^[a-z0-9_-]{1,40}$/i.test(source))) details.source = ["a source type such as generic, zscaler or paloalto"];
  if (Object.keys(details).length) throw new AppError("invalid_request", "The upload is not valid.", { details });

  return {
    fileName: "name" in file && typeof file.name === "string" && file.name ? file.name : "upload.log",
    text: await file.text(),
    sizeBytes: file.size,
    sourceType: typeof source === "string" ? source.toLowerCase() : "generic",
    streamId: typeof stream === "string" ? stream : undefined,
  };
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `A log upload is at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`);
}
