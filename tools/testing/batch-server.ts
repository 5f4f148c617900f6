import type { IncomingHttpHeaders } from "node:http"

/** What becomes of one request of a batch: answered (null), failed with a 500, or expired with its batch. */
export type BatchItemFault = "failed" | "expired" | null

/** One batch the server was asked to create, with the request lines of its input file. */
export interface CreatedBatch {
  readonly id: string
  readonly inputFileId: string
  readonly lines: ReadonlyArray<{ readonly custom_id: string; readonly body: Record<string, unknown> }>
}

export interface BatchOptions {
  /** The fault of each request of the n-th batch (from 1), by `custom_id`; none by default. */
  readonly fault?: (customId: string, batch: number) => BatchItemFault
}

/** The Batch API's side of the test server: state and a handler, answering each request as a chat request. */
export interface BatchApi {
  /** Every batch created, in order. */
  readonly created: ReadonlyArray<CreatedBatch>
  /** Every file uploaded, by id, as text. */
  readonly files: ReadonlyMap<string, string>
  /** While held, a batch polled stays `in_progress`. */
  readonly hold: (held: boolean) => void
  readonly handle: (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) => Promise<{ status: number; body: unknown } | null>
}

interface BatchState {
  readonly created: CreatedBatch
  readonly index: number
  polls: number
  status: string
  outputFileId: string | null
  errorFileId: string | null
}

const notFound = (what: string) => ({ status: 404, body: { error: { message: `no such ${what}`, type: "invalid_request_error" } } })

/**
 * An in-process fake of `/v1/files` and `/v1/batches`: an uploaded JSONL file becomes a batch whose status goes
 * validating, in_progress, then completed (expired where a request expired) on successive polls; its requests are
 * answered by `answer` (the chat server's handler), one output line each, failed and expired ones in the error file.
 */
export const batchApi = (answer: (body: Record<string, unknown>) => unknown, options: BatchOptions = {}): BatchApi => {
  const files = new Map<string, string>()
  const created: Array<CreatedBatch> = []
  const states = new Map<string, BatchState>()
  let held = false
  let fileCount = 0

  const addFile = (text: string) => {
    fileCount += 1
    const id = `file-${fileCount}`
    files.set(id, text)
    return { id, object: "file", bytes: Buffer.byteLength(text), created_at: 0, filename: `${id}.jsonl`, purpose: "batch", status: "processed" }
  }

  const describe = (state: BatchState) => ({
    id: state.created.id,
    object: "batch",
    endpoint: "/v1/chat/completions",
    input_file_id: state.created.inputFileId,
    completion_window: "24h",
    status: state.status,
    output_file_id: state.outputFileId,
    error_file_id: state.errorFileId,
    created_at: 0,
    request_counts: { total: state.created.lines.length, completed: 0, failed: 0 }
  })

  /** Answers every request of the batch and writes its output and error files. */
  const finish = (state: BatchState) => {
    const output: Array<unknown> = []
    const errors: Array<unknown> = []
    for (const [n, line] of state.created.lines.entries()) {
      const fault = options.fault?.(line.custom_id, state.index) ?? null
      const id = `batch-req-${state.index}-${n}`
      if (fault === "expired") {
        errors.push({ id, custom_id: line.custom_id, response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } })
      } else if (fault === "failed") {
        errors.push({ id, custom_id: line.custom_id, response: { status_code: 500, request_id: id, body: { error: { message: "internal error", type: "server_error" } } }, error: null })
      } else {
        output.push({ id, custom_id: line.custom_id, response: { status_code: 200, request_id: id, body: answer(line.body) }, error: null })
      }
    }
    const jsonl = (rows: ReadonlyArray<unknown>) => rows.map((row) => JSON.stringify(row)).join("\n") + "\n"
    state.outputFileId = output.length === 0 ? null : addFile(jsonl(output)).id
    state.errorFileId = errors.length === 0 ? null : addFile(jsonl(errors)).id
    const expired = errors.some((row) => (row as { response: unknown }).response === null)
    state.status = expired ? "expired" : "completed"
  }

  const handle = async (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) => {
    if (method === "POST" && path === "/v1/files") {
      const form = await new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "content-type": headers["content-type"] ?? "" },
        body
      }).formData()
      const file = form.get("file")
      if (form.get("purpose") !== "batch" || !(file instanceof Blob)) {
        return { status: 400, body: { error: { message: "expected a file with purpose batch", type: "invalid_request_error" } } }
      }
      return { status: 200, body: addFile(await file.text()) }
    }
    if (method === "POST" && path === "/v1/batches") {
      const request = JSON.parse(body.toString("utf8")) as { input_file_id: string; endpoint: string; completion_window: string }
      const input = files.get(request.input_file_id)
      if (input === undefined) return notFound("file")
      const lines = input.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))
      const batch: CreatedBatch = { id: `batch-${created.length + 1}`, inputFileId: request.input_file_id, lines }
      created.push(batch)
      const state: BatchState = { created: batch, index: created.length, polls: 0, status: "validating", outputFileId: null, errorFileId: null }
      states.set(batch.id, state)
      return { status: 200, body: describe(state) }
    }
    const batch = /^\/v1\/batches\/([^/]+)$/.exec(path)
    if (method === "GET" && batch !== null) {
      const state = states.get(batch[1])
      if (state === undefined) return notFound("batch")
      state.polls += 1
      if (state.status === "validating" && state.polls > 1) state.status = "in_progress"
      else if (state.status === "in_progress" && !held) finish(state)
      return { status: 200, body: describe(state) }
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path)
    if (method === "GET" && content !== null) {
      const text = files.get(content[1])
      return text === undefined ? notFound("file") : { status: 200, body: text }
    }
    return null
  }

  return {
    created,
    files,
    hold: (value) => {
      held = value
    },
    handle
  }
}
